"""Renders every case of cases.json (chat templates) and constructs.json (one small template per construct the C#
interpreter supports) with the real jinja2, configured as transformers' apply_chat_template configures it, and
writes references.json and construct_references.json: the expected text of each case, or the message, type and
line of the error it raises.

Run from this folder with Debian's python3-jinja2 (3.1): /usr/bin/python3 render_references.py
The output is committed as test data; the tests never run this script.
"""

import json
import sys
import traceback
from datetime import datetime

import jinja2
from jinja2 import nodes
from jinja2.ext import Extension, loopcontrols
from jinja2.sandbox import ImmutableSandboxedEnvironment


class GenerationTracker(Extension):
    """transformers' AssistantTracker without the tracking: {% generation %} renders its body unchanged."""

    tags = {"generation"}

    def parse(self, parser):
        lineno = next(parser.stream).lineno
        body = parser.parse_statements(["name:endgeneration"], drop_needle=True)
        return nodes.CallBlock(self.call_method("_render", []), [], [], body).set_lineno(lineno)

    def _render(self, caller):
        return caller()


def raise_exception(message):
    raise jinja2.exceptions.TemplateError(message)


def tojson(x, ensure_ascii=False, indent=None, separators=None, sort_keys=False):
    # transformers' override: no HTML escaping, and non-ASCII kept as is.
    return json.dumps(x, ensure_ascii=ensure_ascii, indent=indent, separators=separators, sort_keys=sort_keys)


def environment(date):
    env = ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True, extensions=[GenerationTracker, loopcontrols])
    env.filters["tojson"] = tojson
    env.globals["raise_exception"] = raise_exception
    env.globals["strftime_now"] = lambda format: datetime.fromisoformat(date).strftime(format)
    return env


def template_line(error):
    """The line of the innermost template frame of a jinja2 traceback (jinja2 rewrites frames to template lines)."""
    line = None
    for frame in traceback.extract_tb(error.__traceback__):
        if frame.filename == "<template>":
            line = frame.lineno
    return line


def variables(spec, family, case):
    """What transformers passes: messages, tools and documents (None unless given), add_generation_prompt, the
    tokenizer's special tokens and the caller's extra keyword arguments ("TOOLS" stands for the one tool schema)."""
    extra = {name: [spec["tool"]] if value == "TOOLS" else value for name, value in case.get("extra", {}).items()}
    return {"messages": spec["conversations"][case["conversation"]], "tools": None, "documents": None,
            "add_generation_prompt": case["add_generation_prompt"], **family["tokens"], **extra}


def render(source, values, date):
    try:
        return {"expected": environment(date).from_string(source).render(**values)}
    except Exception as error:  # noqa: BLE001 - TypeError and the like are reference outcomes too
        return {"error": str(error), "error_type": type(error).__name__, "line": template_line(error)}


def cases(spec, family):
    """The standard conversations with and without a generation prompt, then the family's own cases."""
    for conversation in spec["standard_conversations"]:
        for prompt in (True, False):
            yield {"name": f"{conversation}{'_prompt' if prompt else ''}", "conversation": conversation,
                   "add_generation_prompt": prompt}
    yield from family.get("extra_cases", [])


def read(path):
    with open(path, encoding="utf-8") as file:
        return file.read()


def write(path, date, results):
    with open(path, "w", encoding="utf-8", newline="\n") as file:
        json.dump({"jinja2": jinja2.__version__, "date": date, "results": results}, file, ensure_ascii=False, indent=2)
        file.write("\n")
    print(f"{path}: {len(results)} renderings with jinja2 {jinja2.__version__}", file=sys.stderr)


def main():
    spec = json.loads(read("cases.json"))
    results = []
    for family in spec["families"]:
        for case in cases(spec, family):
            values = variables(spec, family, case)
            results.append({"family": family["name"], "template": family["template"], "case": case["name"],
                            "variables": values, **render(read(family["template"]), values, spec["date"])})
    write("references.json", spec["date"], results)
    constructs = [{**case, **render(case["template"], case["variables"], spec["date"])}
                  for case in json.loads(read("constructs.json"))["cases"]]
    write("construct_references.json", spec["date"], constructs)


if __name__ == "__main__":
    main()
