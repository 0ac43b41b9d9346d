namespace CollabMetrics.Geography;

/// <summary>
/// Folds Latin letters with diacritics to their ASCII base letters (upper case), without relying on ICU, so name
/// matching works the same in globalization-invariant mode.
/// </summary>
internal static class LatinFolding
{
    private const string Accented = "ÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖÙÚÛÜÝàáâãäåçèéêëìíîïñòóôõöùúûüýÿĀāĂăĄąĆćĈĉĊċČčĎďĒēĔĕĖėĘęĚěĜĝĞğĠġĢģĤĥĨĩĪīĬĭĮįİĴĵĶķĹĺĻļĽľŃńŅņŇňŌōŎŏŐőŔŕŖŗŘřŚśŜŝŞşŠšŢţŤťŨũŪūŬŭŮůŰűŲųŴŵŶŷŸŹźŻżŽžƠơƯưǍǎǏǐǑǒǓǔǕǖǗǘǙǚǛǜǞǟǠǡǦǧǨǩǪǫǬǭǰǴǵǸǹǺǻȀȁȂȃȄȅȆȇȈȉȊȋȌȍȎȏȐȑȒȓȔȕȖȗȘșȚțȞȟȦȧȨȩȪȫȬȭȮȯȰȱȲȳßÆæØøŒœĐđŁłÞþıÐð";

    private static readonly string[] s_folded = ["A", "A", "A", "A", "A", "A", "C", "E", "E", "E", "E", "I", "I", "I", "I", "N", "O", "O", "O", "O", "O", "U", "U", "U", "U", "Y", "A", "A", "A", "A", "A", "A", "C", "E", "E", "E", "E", "I", "I", "I", "I", "N", "O", "O", "O", "O", "O", "U", "U", "U", "U", "Y", "Y", "A", "A", "A", "A", "A", "A", "C", "C", "C", "C", "C", "C", "C", "C", "D", "D", "E", "E", "E", "E", "E", "E", "E", "E", "E", "E", "G", "G", "G", "G", "G", "G", "G", "G", "H", "H", "I", "I", "I", "I", "I", "I", "I", "I", "I", "J", "J", "K", "K", "L", "L", "L", "L", "L", "L", "N", "N", "N", "N", "N", "N", "O", "O", "O", "O", "O", "O", "R", "R", "R", "R", "R", "R", "S", "S", "S", "S", "S", "S", "S", "S", "T", "T", "T", "T", "U", "U", "U", "U", "U", "U", "U", "U", "U", "U", "U", "U", "W", "W", "Y", "Y", "Y", "Z", "Z", "Z", "Z", "Z", "Z", "O", "O", "U", "U", "A", "A", "I", "I", "O", "O", "U", "U", "U", "U", "U", "U", "U", "U", "U", "U", "A", "A", "A", "A", "G", "G", "K", "K", "O", "O", "O", "O", "J", "G", "G", "N", "N", "A", "A", "A", "A", "A", "A", "E", "E", "E", "E", "I", "I", "I", "I", "O", "O", "O", "O", "R", "R", "R", "R", "U", "U", "U", "U", "S", "S", "T", "T", "H", "H", "A", "A", "E", "E", "O", "O", "O", "O", "O", "O", "O", "O", "Y", "Y", "SS", "AE", "AE", "O", "O", "OE", "OE", "D", "D", "L", "L", "TH", "TH", "I", "D", "D"];

    /// <summary>The folded upper-case form of <paramref name="ch"/>: one or two ASCII letters, or the character itself upper-cased.</summary>
    internal static string? Fold(char ch)
    {
        int i = Accented.IndexOf(ch, StringComparison.Ordinal);
        return i >= 0 ? s_folded[i] : null;
    }
}
