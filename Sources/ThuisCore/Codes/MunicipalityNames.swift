/// The names of the municipalities Thuis's own data covers, by CBS code: Stadsregio Amsterdam
/// (the `nightly` and `region` profiles) and the demo region south of Utrecht. Pages show a
/// name where they know one; a stock file (`naam`) gives the others.
public enum MunicipalityNames {
    public static let known: [String: String] = [
        "0358": "Aalsmeer", "0362": "Amstelveen", "0363": "Amsterdam", "0384": "Diemen", "0385": "Edam-Volendam",
        "0394": "Haarlemmermeer", "0415": "Landsmeer", "0431": "Oostzaan", "0437": "Ouder-Amstel", "0439": "Purmerend",
        "0451": "Uithoorn", "0479": "Zaanstad", "0852": "Waterland", "0880": "Wormerland",
        "0321": "Houten", "0344": "Utrecht", "0356": "Nieuwegein",
    ]
}
