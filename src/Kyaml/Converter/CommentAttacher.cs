namespace Kyaml.Converter;

/// <summary>
/// Attaches the comments of one document to its nodes as head, line and foot comments, following where go-yaml v3
/// puts them (the reference encoder prints them from there): a comment after a value on the same line is that
/// value's line comment; a block of whole-line comments right before an entry is the entry's head comment; a block
/// followed by a blank line, or indented deeper than the next entry, is the foot comment of the preceding entry at
/// its indentation; comments before the first entry and separated from it by a blank line belong to the document.
/// </summary>
internal sealed class CommentAttacher
{
    private readonly SourceLines _lines;
    private readonly List<Slot> _slots = [];
    private readonly List<YamlNode> _endpoints = [];
    private readonly Dictionary<long, List<YamlNode>> _endpointsByLine = [];
    private readonly List<YamlNode> _emptyFlow = [];
    private long[] _slotStarts = [];

    public CommentAttacher(SourceLines lines)
    {
        _lines = lines;
    }

    public void Attach(YamlDocument document, List<CommentToken> comments)
    {
        if (comments.Count == 0)
        {
            return;
        }

        _slots.Clear();
        _endpoints.Clear();
        _endpointsByLine.Clear();
        _emptyFlow.Clear();
        if (document.Root is not null)
        {
            Collect(document.Root, null, document.Root.Start.Column, depth: 0);
        }

        // Slots are collected in document order; a stable sort keeps a parent before a child that starts with it.
        List<Slot> ordered = _slots.OrderBy(static s => s.Node.Start.Index).ToList();
        _slots.Clear();
        _slots.AddRange(ordered);
        _slotStarts = new long[_slots.Count];
        for (int k = 0; k < _slots.Count; k++)
        {
            _slotStarts[k] = _slots[k].Node.Start.Index;
        }

        foreach (YamlNode n in _endpoints)
        {
            if (!_endpointsByLine.TryGetValue(n.End.Line, out List<YamlNode>? list))
            {
                list = [];
                _endpointsByLine[n.End.Line] = list;
            }

            list.Add(n);
            if (n.IsFlow && n.Children.Count == 0)
            {
                _emptyFlow.Add(n);
            }
        }

        comments.Sort(static (a, b) => a.Start.Index.CompareTo(b.Start.Index));
        var standalone = new List<CommentToken>();
        bool emptyDocument = document.Root is null
            || (document.Root.Kind == YamlNodeKind.Scalar && document.Root.Value.Length == 0
                && document.Root.Style == YamlDotNet.Core.ScalarStyle.Plain);
        foreach (CommentToken c in comments)
        {
            if (emptyDocument)
            {
                // Comments of an empty document follow its (empty) body.
                document.FootComment = Join(document.FootComment, c.Text);
                continue;
            }

            if (InsideEmptyFlowCollection(c.Start.Index))
            {
                continue;
            }

            if (c.IsInline)
            {
                // A comment after an opening bracket has no node to go to; go-yaml drops it too.
                AttachInline(c);
                continue;
            }

            standalone.Add(c);
        }

        var commentLines = new HashSet<long>();
        foreach (CommentToken c in standalone)
        {
            commentLines.Add(c.Start.Line);
        }

        int i = 0;
        while (i < standalone.Count)
        {
            int j = i + 1;
            while (j < standalone.Count && OnlyBlankOrCommentsBetween(standalone[j - 1], standalone[j], commentLines))
            {
                j++;
            }

            AttachRun(document, standalone.GetRange(i, j - i));
            i = j;
        }
    }

    private bool OnlyBlankOrCommentsBetween(CommentToken a, CommentToken b, HashSet<long> commentLines)
    {
        if (b.Start.Line == a.Start.Line)
        {
            return true;
        }

        for (long line = a.Start.Line + 1; line < b.Start.Line; line++)
        {
            if (!_lines.IsBlank(line) && !commentLines.Contains(line))
            {
                return false;
            }
        }

        // No node may start between the two comments.
        int first = FirstSlotAfter(a.Start.Index);
        return first >= _slots.Count || _slotStarts[first] >= b.Start.Index;
    }

    // Index of the first slot that starts after the given position.
    private int FirstSlotAfter(long index)
    {
        int lo = 0;
        int hi = _slotStarts.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (_slotStarts[mid] <= index)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private void Collect(YamlNode node, Slot? parent, long column, int depth)
    {
        var slot = new Slot(node, parent, column, depth);
        _slots.Add(slot);
        AddEndpoint(node);
        if (node.Kind == YamlNodeKind.Mapping)
        {
            for (int k = 0; k + 1 < node.Children.Count; k += 2)
            {
                YamlNode key = node.Children[k];
                YamlNode value = node.Children[k + 1];
                var entry = new Slot(key, slot, key.Start.Column, depth + 1) { Value = value };
                _slots.Add(entry);
                AddEndpoint(key);
                CollectChildren(value, entry, depth + 1);
            }
        }
        else if (node.Kind == YamlNodeKind.Sequence)
        {
            foreach (YamlNode item in node.Children)
            {
                long itemColumn = node.IsFlow ? item.Start.Column : node.Start.Column;
                Collect(item, slot, itemColumn, depth + 1);
            }
        }
    }

    // A mapping value is not an entry of its own: its children are entries below the key's slot.
    private void CollectChildren(YamlNode value, Slot entry, int depth)
    {
        AddEndpoint(value);
        if (value.Kind == YamlNodeKind.Mapping)
        {
            var inner = new Slot(value, entry, value.Start.Column, depth) { IsValueContainer = true };
            for (int k = 0; k + 1 < value.Children.Count; k += 2)
            {
                YamlNode key = value.Children[k];
                YamlNode child = value.Children[k + 1];
                var slot = new Slot(key, inner, key.Start.Column, depth + 1) { Value = child };
                _slots.Add(slot);
                AddEndpoint(key);
                CollectChildren(child, slot, depth + 1);
            }
        }
        else if (value.Kind == YamlNodeKind.Sequence)
        {
            var inner = new Slot(value, entry, value.Start.Column, depth) { IsValueContainer = true };
            foreach (YamlNode item in value.Children)
            {
                long itemColumn = value.IsFlow ? item.Start.Column : value.Start.Column;
                Collect(item, inner, itemColumn, depth + 1);
            }
        }
    }

    private void AddEndpoint(YamlNode node)
    {
        if (node.Kind is YamlNodeKind.Scalar or YamlNodeKind.Alias || node.IsFlow)
        {
            _endpoints.Add(node);
        }
    }

    private bool AttachInline(CommentToken c)
    {
        YamlNode? best = null;
        if (!_endpointsByLine.TryGetValue(c.Start.Line, out List<YamlNode>? candidates))
        {
            return false;
        }

        foreach (YamlNode n in candidates)
        {
            if (n.End.Line == c.Start.Line && n.End.Index <= c.Start.Index
                && (best is null || n.End.Index > best.End.Index))
            {
                best = n;
            }
        }

        if (best is null)
        {
            return false;
        }

        best.LineComment = best.LineComment is null ? c.Text : best.LineComment + "\n" + c.Text;
        return true;
    }

    private void AttachRun(YamlDocument document, List<CommentToken> run)
    {
        List<Block> blocks = SplitBlocks(run);
        long firstIndex = run[0].Start.Index;
        Slot? previous = null;
        int before = FirstSlotAfter(firstIndex - 1);
        bool contentBefore = before > 0;
        for (int k = before - 1; k >= 0; k--)
        {
            if (_slots[k].Depth > 0)
            {
                previous = _slots[k];
                break;
            }
        }

        Slot? next = NextSlot(run[^1].Start.Index);
        int b = 0;
        if (!contentBefore)
        {
            // At the start of a stream (before or without a "---" marker) a first block followed by a blank line
            // belongs to the document.
            bool afterMarker = document.IsExplicit && firstIndex > document.Start.Index;
            if (!afterMarker)
            {
                int headBlocks = next is not null && !_lines.IsBlank(blocks[^1].LastLine + 1)
                    ? blocks.Count - 1
                    : blocks.Count;
                if (headBlocks > 0)
                {
                    document.HeadComment = Join(document.HeadComment, JoinBlocks(blocks, 0, headBlocks));
                    b = headBlocks;
                }
            }
        }
        else
        {
            Block block = blocks[0];
            bool blankBefore = _lines.IsBlank(block.FirstLine - 1);
            bool blankAfter = _lines.IsBlank(block.LastLine + 1);
            long nextColumn = blocks.Count > 1 ? blocks[1].Column
                : next is null ? -1
                : _lines.Indentation(next.Node.Start.Line);
            bool endsHere = next is null || blankAfter || nextColumn < block.Column;
            if (!blankBefore && endsHere)
            {
                Slot? owner = Owner(previous, block.Column, firstIndex);
                if (owner is not null)
                {
                    owner.Node.FootComment = Join(owner.Node.FootComment, block.Text);
                    b = 1;
                }
            }
        }

        if (b >= blocks.Count)
        {
            return;
        }

        if (next is null)
        {
            for (; b < blocks.Count; b++)
            {
                Slot? owner = _lines.IsBlank(blocks[b].FirstLine - 1) ? null : Owner(previous, blocks[b].Column, firstIndex);
                if (owner is null)
                {
                    document.FootComment = Join(document.FootComment, blocks[b].Text);
                }
                else
                {
                    owner.Node.FootComment = Join(owner.Node.FootComment, blocks[b].Text);
                }
            }

            return;
        }

        // The rest is the next entry's head comment; blank lines between blocks and before the entry are kept.
        string head = JoinBlocks(blocks, b, blocks.Count);
        if (_lines.IsBlank(blocks[^1].LastLine + 1))
        {
            head += "\n";
        }

        AppendHead(next, head);
    }

    private static string JoinBlocks(List<Block> blocks, int from, int to)
    {
        var text = new System.Text.StringBuilder();
        for (int k = from; k < to; k++)
        {
            if (k > from)
            {
                text.Append(blocks[k].FirstLine > blocks[k - 1].LastLine + 1 ? "\n\n" : "\n");
            }

            text.Append(blocks[k].Text);
        }

        return text.ToString();
    }

    // The entry a foot comment belongs to: the innermost entry before it at or left of its column (the outermost
    // of entries sharing that column, as with a sequence indented at its key's column). A comment between a key
    // and its value is nobody's foot comment.
    private static Slot? Owner(Slot? previous, long column, long commentIndex)
    {
        if (previous?.Value is { } value && value.Start.Index > commentIndex)
        {
            return null;
        }

        Slot? owner = previous;
        while (owner is not null && (owner.Column > column || owner.IsValueContainer))
        {
            owner = owner.Parent;
        }

        while (owner is not null)
        {
            Slot? parent = owner.Parent;
            while (parent is not null && parent.IsValueContainer)
            {
                parent = parent.Parent;
            }

            if (parent is null || parent.Column != owner.Column || parent.Depth == 0)
            {
                break;
            }

            owner = parent;
        }

        return owner is null || owner.Depth == 0 ? null : owner;
    }

    // Blocks end at blank lines and where the comment column changes.
    private static List<Block> SplitBlocks(List<CommentToken> run)
    {
        var blocks = new List<Block>();
        var text = new System.Text.StringBuilder();
        CommentToken first = run[0];
        long lastLine = first.Start.Line;
        text.Append(first.Text);
        for (int k = 1; k < run.Count; k++)
        {
            CommentToken c = run[k];
            if (c.Start.Line > lastLine + 1 || c.Start.Column != first.Start.Column)
            {
                blocks.Add(new Block(first.Start.Column, text.ToString(), first.Start.Line, lastLine));
                text.Clear();
                first = c;
            }
            else
            {
                text.Append('\n');
            }

            text.Append(c.Text);
            lastLine = c.Start.Line;
        }

        blocks.Add(new Block(first.Start.Column, text.ToString(), first.Start.Line, lastLine));
        return blocks;
    }

    private readonly record struct Block(long Column, string Text, long FirstLine, long LastLine);

    // The first entry or item after the comment; a block collection at the root gives its comments to its first
    // entry, and an item holding a mapping takes them rather than that mapping's first key.
    private Slot? NextSlot(long afterIndex)
    {
        for (int k = FirstSlotAfter(afterIndex); k < _slots.Count; k++)
        {
            Slot s = _slots[k];
            if (!(s.Depth == 0 && IsBlockCollection(s.Node)))
            {
                return s;
            }
        }

        return null;
    }

    private static bool IsBlockCollection(YamlNode node) =>
        node.Kind is YamlNodeKind.Mapping or YamlNodeKind.Sequence && !node.IsFlow && node.Children.Count > 0;

    private bool InsideEmptyFlowCollection(long index)
    {
        foreach (YamlNode n in _emptyFlow)
        {
            if (n.Start.Index < index && index < n.End.Index)
            {
                return true;
            }
        }

        return false;
    }

    private static void AppendHead(Slot slot, string body)
    {
        slot.Node.HeadComment = Join(slot.Node.HeadComment, body);
    }

    private static string Join(string? a, string b) => a is null ? b : a + "\n" + b;

    private sealed class Slot(YamlNode node, Slot? parent, long column, int depth)
    {
        public YamlNode Node { get; } = node;

        public Slot? Parent { get; } = parent;

        public long Column { get; } = column;

        public int Depth { get; } = depth;

        public YamlNode? Value { get; init; }

        public bool IsValueContainer { get; init; }
    }
}
