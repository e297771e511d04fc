using System.Text;

namespace DeviceHealth.Signals;

/// <summary>A small RFC 4180 reader: quoted fields, doubled quotes, line breaks inside quotes.</summary>
internal static class CsvReader
{
    /// <summary>Reads every record; each comes with the 1-based line on which it starts.</summary>
    public static List<(int Line, string[] Fields)> ReadAll(TextReader reader, int maxRecords = 10_000_000)
    {
        List<(int, string[])> records = [];
        List<string> fields = [];
        StringBuilder field = new();
        int line = 1;
        int recordLine = 1;
        bool inQuotes = false;
        bool any = false;
        int c;
        while ((c = reader.Read()) >= 0)
        {
            char ch = (char)c;
            if (inQuotes)
            {
                if (ch == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        reader.Read();
                        field.Append('"');
                    }
                    else
                    {
                        inQuotes = false;
                    }
                }
                else
                {
                    if (ch == '\n')
                    {
                        line++;
                    }

                    field.Append(ch);
                }

                continue;
            }

            switch (ch)
            {
                case '"':
                    inQuotes = true;
                    any = true;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    any = true;
                    break;
                case '\r':
                    break;
                case '\n':
                    if (any || field.Length > 0)
                    {
                        fields.Add(field.ToString());
                        records.Add((recordLine, fields.ToArray()));
                        if (records.Count >= maxRecords)
                        {
                            return records;
                        }
                    }

                    fields.Clear();
                    field.Clear();
                    any = false;
                    line++;
                    recordLine = line;
                    break;
                default:
                    field.Append(ch);
                    any = true;
                    break;
            }
        }

        if (any || field.Length > 0)
        {
            fields.Add(field.ToString());
            records.Add((recordLine, fields.ToArray()));
        }

        return records;
    }
}
