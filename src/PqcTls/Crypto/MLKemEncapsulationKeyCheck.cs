namespace PqcTls.Crypto;

/// <summary>The FIPS 203 section 7.2 encapsulation key checks.</summary>
internal static class MLKemEncapsulationKeyCheck
{
    /// <summary>
    /// Runs the modulus check: every 12-bit coefficient of the first 384k bytes must be below q = 3329, which is the
    /// same as ByteEncode12(ByteDecode12(ek)) == ek.
    /// </summary>
    /// <param name="parameters">The parameter set.</param>
    /// <param name="encapsulationKey">The key; its length must already be 384k + 32.</param>
    /// <param name="byteOffset">The offset of the first byte of the first unreduced coefficient, or -1.</param>
    /// <returns><see langword="true"/> when every coefficient is reduced.</returns>
    public static bool IsModulusValid(MLKemParameterSet parameters, ReadOnlySpan<byte> encapsulationKey, out int byteOffset)
    {
        int polynomialBytes = 384 * parameters.K;
        ReadOnlySpan<byte> t = encapsulationKey[..polynomialBytes];

        // Three bytes hold two little-endian 12-bit coefficients (FIPS 203 algorithm 5, ByteEncode12).
        for (int i = 0; i < t.Length; i += 3)
        {
            int first = t[i] | ((t[i + 1] & 0x0F) << 8);
            int second = (t[i + 1] >> 4) | (t[i + 2] << 4);
            if (first >= MLKemParameterSet.Q)
            {
                byteOffset = i;
                return false;
            }

            if (second >= MLKemParameterSet.Q)
            {
                byteOffset = i + 1;
                return false;
            }
        }

        byteOffset = -1;
        return true;
    }
}
