using System.Xml;
using SelfInstruct.Evaluate.Reports;
using SelfInstruct.Tests.Support;
using Xunit;

namespace SelfInstruct.Tests.Evaluate.Reports;

public sealed class HtmlRendererTests
{
    [Fact]
    public void Embeds_images_and_keeps_control_characters_out_of_the_page()
    {
        using var folder = new TemporaryFolder();
        File.WriteAllBytes(folder.File("plot.png"), [137, 80, 78, 71]);
        ReportBlock[] blocks =
        [
            ReportBlock.Heading("Examples <1>"),
            ReportBlock.Code("9c\u0016\u0001 & \"quoted\"\nnext line"),
            ReportBlock.Table(["a", "b"], [["1 < 2", "x\u0007"]]),
            ReportBlock.Image("a plot", "plot.png"),
        ];

        var html = HtmlRenderer.Render("Report", blocks, folder.Path);

        var document = new XmlDocument { XmlResolver = null };
        document.Load(XmlReader.Create(new StringReader(html),
            new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null }));
        Assert.Equal("9c\uFFFD\uFFFD & \"quoted\"\nnext line", document.GetElementsByTagName("pre")[0]!.InnerText);
        Assert.Equal("data:image/png;base64,iVBORw==",
            ((XmlElement)document.GetElementsByTagName("img")[0]!).GetAttribute("src"));
    }
}
