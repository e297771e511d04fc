namespace Kyaml;

/// <summary>What <see cref="Utf8KyamlReader"/> does with comments.</summary>
public enum KyamlCommentHandling : byte
{
    /// <summary>Comments are skipped; <see cref="Utf8KyamlReader.Read"/> never returns a comment token.</summary>
    Skip = 0,

    /// <summary>Each comment is returned as a <see cref="KyamlTokenType.Comment"/> token.</summary>
    Allow = 1,
}
