namespace LinuxMemory;

/// <summary>Reads small pseudo-files (procfs reports size 0) with a size limit.</summary>
internal static class BoundedFile
{
    /// <summary>Reads the whole file, or returns <see langword="null"/> when it does not exist.</summary>
    /// <exception cref="LinuxMemoryFormatException">The file is larger than <paramref name="maxBytes"/>.</exception>
    public static byte[]? TryRead(string path, int maxBytes)
    {
        // A named pipe (FIFO) in a captured tree blocks here until something writes to it: .NET does not expose the
        // file type on Unix without native calls, so FIFOs are not detected.
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }

        using (stream)
        {
            var buffer = new byte[Math.Min(maxBytes + 1, 64 * 1024)];
            int total = 0;
            while (true)
            {
                if (total == buffer.Length)
                {
                    if (buffer.Length > maxBytes)
                    {
                        ThrowHelper.ThrowFormat(path, 0, $"a file of at most {maxBytes} bytes", $"more than {maxBytes} bytes");
                    }

                    Array.Resize(ref buffer, Math.Min(maxBytes + 1, buffer.Length * 2));
                }

                int read = stream.Read(buffer, total, buffer.Length - total);
                if (read == 0)
                {
                    break;
                }

                total += read;
            }

            if (total > maxBytes)
            {
                ThrowHelper.ThrowFormat(path, 0, $"a file of at most {maxBytes} bytes", $"more than {maxBytes} bytes");
            }

            Array.Resize(ref buffer, total);
            return buffer;
        }
    }
}
