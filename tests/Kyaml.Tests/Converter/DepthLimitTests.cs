using System.Text;

namespace Kyaml.Tests.Converter;

/// <summary>
/// Deep input must end in a typed <see cref="KyamlException"/>, never a stack overflow (which kills the process).
/// </summary>
public sealed class DepthLimitTests
{
    /// <summary>
    /// 20 anchors, each 200 sequences deep around an alias of the one before: about 4 000 levels once expanded,
    /// from 8 KiB of input and only 19 alias expansions (far below the alias-expansion limit).
    /// </summary>
    private static byte[] AliasChain(int anchors)
    {
        var yaml = new StringBuilder();
        yaml.Append("a0: &a0 ").Append('[', 200).Append('1').Append(']', 200).Append('\n');
        for (int i = 1; i < anchors; i++)
        {
            yaml.Append('a').Append(i).Append(": &a").Append(i).Append(' ').Append('[', 200)
                .Append("*a").Append(i - 1).Append(']', 200).Append('\n');
        }

        return Encoding.UTF8.GetBytes(yaml.ToString());
    }

    [Fact]
    public void Convert_KubectlFormAliasChainDeeperThanLimit_ThrowsDepthLimit()
    {
        var ex = Assert.Throws<KyamlException>(
            () => KyamlConverter.Convert(AliasChain(20), new KyamlConverterOptions { KubectlForm = true }));

        Assert.Equal(KyamlErrorKind.DepthLimitExceeded, ex.Kind);
        Assert.Equal("The maximum depth of 256 was exceeded.", ex.Message);
        Assert.NotNull(ex.LineNumber);
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void Convert_OtherFormsAliasChainDeeperThanLimit_ThrowsDepthLimit(bool compact, bool referenceCompatible)
    {
        var options = new KyamlConverterOptions { Compact = compact, ReferenceCompatible = referenceCompatible };

        var ex = Assert.Throws<KyamlException>(() => KyamlConverter.Convert(AliasChain(20), options));

        Assert.Equal(KyamlErrorKind.DepthLimitExceeded, ex.Kind);
        Assert.Equal("The maximum depth of 256 was exceeded.", ex.Message);
        Assert.NotNull(ex.LineNumber);
        Assert.NotNull(ex.BytePosition);
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void Convert_OtherFormsAliasChain_LimitCountsExpandedLevels(bool compact, bool referenceCompatible)
    {
        // As in the kubectl form: 1 + 200 + 200 = 401 levels once a0 is copied into a1.
        var fits = new KyamlConverterOptions
        {
            Compact = compact,
            ReferenceCompatible = referenceCompatible,
            MaxDepth = 401,
        };
        var tooDeep = new KyamlConverterOptions
        {
            Compact = compact,
            ReferenceCompatible = referenceCompatible,
            MaxDepth = 400,
        };

        KyamlConverter.Convert(AliasChain(2), fits);
        var ex = Assert.Throws<KyamlException>(() => KyamlConverter.Convert(AliasChain(2), tooDeep));

        Assert.Equal("The maximum depth of 400 was exceeded.", ex.Message);
    }

    [Fact]
    public void Convert_KubectlFormAliasChain_LimitCountsExpandedLevels()
    {
        // a1 is 200 sequences around a copy of a0 (200 sequences around 1), inside the root mapping:
        // 1 + 200 + 200 = 401 levels. MaxDepth 401 converts, 400 does not.
        byte[] yaml = AliasChain(2);

        string kyaml = Encoding.UTF8.GetString(KyamlConverter.Convert(
            yaml, new KyamlConverterOptions { KubectlForm = true, Compact = true, MaxDepth = 401 }));
        var ex = Assert.Throws<KyamlException>(() => KyamlConverter.Convert(
            yaml, new KyamlConverterOptions { KubectlForm = true, MaxDepth = 400 }));

        string a0 = new string('[', 200) + "1" + new string(']', 200);
        Assert.Equal("---\n{a0: " + a0 + ", a1: " + new string('[', 200) + a0 + new string(']', 200) + "}\n", kyaml);
        Assert.Equal(KyamlErrorKind.DepthLimitExceeded, ex.Kind);
    }

    [Theory]
    [InlineData(1001)]
    [InlineData(100_000)]
    public void MaxDepth_AboveWhatTheStackHolds_IsRejected(int depth)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new KyamlConverterOptions { MaxDepth = depth });
    }

    [Fact]
    public void Convert_ThousandLevelsWithMaxDepthThousand_Converts()
    {
        // 1000 nested sequences around 1: compact output is the same brackets around 1.
        string input = new string('[', 1000) + "1" + new string(']', 1000);

        var options = new KyamlConverterOptions { MaxDepth = 1000, Compact = true };

        string kyaml = KyamlConverter.ConvertToString(input, options);

        Assert.Equal("---\n" + input + "\n", kyaml);
    }

    [Fact]
    public async Task ToJsonAsync_NestingBeyondJsonWritersDefault_FollowsTheReaderLimit()
    {
        // Utf8JsonWriter's own default limit is 1000; with the reader allowing 2000, 1500 levels convert.
        string input = new string('[', 1500) + new string(']', 1500);
        using var source = new MemoryStream(Encoding.UTF8.GetBytes(input));
        using var json = new MemoryStream();

        await KyamlStreamConverter.ToJsonAsync(source, json, new KyamlReaderOptions { MaxDepth = 2000 });

        Assert.Equal(input + "\n", Encoding.UTF8.GetString(json.ToArray()));
    }
}
