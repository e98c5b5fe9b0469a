"""Area names the entity registry does not hold: demonyms ("Chilean copper exports") and the
cities a release is datelined in ("WELLINGTON, Oct 21 - Goods exports rose..."), for the
articles that never name their own economy as a subject."""

from __future__ import annotations

import re

_CITIES = {
    "WASHINGTON": "US", "NEW YORK": "US", "OTTAWA": "CA", "TORONTO": "CA", "MEXICO CITY": "MX",
    "BRASILIA": "BR", "SAO PAULO": "BR", "RIO DE JANEIRO": "BR", "BUENOS AIRES": "AR", "SANTIAGO": "CL",
    "LIMA": "PE", "BOGOTA": "CO", "LONDON": "GB", "PARIS": "FR", "BERLIN": "DE", "FRANKFURT": "DE",
    "WIESBADEN": "DE", "MADRID": "ES", "ROME": "IT", "MILAN": "IT", "THE HAGUE": "NL", "AMSTERDAM": "NL",
    "STOCKHOLM": "SE", "OSLO": "NO", "COPENHAGEN": "DK", "HELSINKI": "FI", "WARSAW": "PL", "PRAGUE": "CZ",
    "VIENNA": "AT", "BERN": "CH", "ZURICH": "CH", "ATHENS": "GR", "LISBON": "PT", "DUBLIN": "IE",
    "MOSCOW": "RU", "KYIV": "UA", "ANKARA": "TR", "ISTANBUL": "TR", "CAIRO": "EG", "RIYADH": "SA",
    "DUBAI": "AE", "ABU DHABI": "AE", "DOHA": "QA", "TEHRAN": "IR", "NEW DELHI": "IN", "MUMBAI": "IN",
    "ISLAMABAD": "PK", "KARACHI": "PK", "DHAKA": "BD", "COLOMBO": "LK", "BEIJING": "CN", "SHANGHAI": "CN",
    "HONG KONG": "HK", "MACAU": "MO", "MACAO": "MO", "TAIPEI": "TW", "TOKYO": "JP", "SEOUL": "KR",
    "SEJONG": "KR", "HANOI": "VN",
    "HO CHI MINH CITY": "VN", "BANGKOK": "TH", "KUALA LUMPUR": "MY", "PUTRAJAYA": "MY", "SINGAPORE": "SG",
    "JAKARTA": "ID", "MANILA": "PH", "CANBERRA": "AU", "SYDNEY": "AU", "MELBOURNE": "AU",
    "WELLINGTON": "NZ", "AUCKLAND": "NZ", "PRETORIA": "ZA", "JOHANNESBURG": "ZA", "CAPE TOWN": "ZA",
    "LAGOS": "NG", "ABUJA": "NG", "NAIROBI": "KE", "ACCRA": "GH", "ADDIS ABABA": "ET", "ASTANA": "KZ",
    "ALMATY": "KZ", "TASHKENT": "UZ",
    "PORT OF SPAIN": "TT", "KINGSTON": "JM", "PANAMA CITY": "PA", "GUATEMALA CITY": "GT",
    "SAN SALVADOR": "SV", "TEGUCIGALPA": "HN", "MANAGUA": "NI", "SANTO DOMINGO": "DO", "PORT-AU-PRINCE": "HT",
    "BELMOPAN": "BZ", "BELIZE CITY": "BZ", "BRIDGETOWN": "BB", "NASSAU": "BS", "HAVANA": "CU", "QUITO": "EC",
    "GUAYAQUIL": "EC", "LA PAZ": "BO", "ASUNCION": "PY", "MONTEVIDEO": "UY", "CARACAS": "VE",
    "GEORGETOWN": "GY", "PARAMARIBO": "SR", "DAR ES SALAAM": "TZ", "DODOMA": "TZ", "KAMPALA": "UG",
    "KIGALI": "RW", "LUSAKA": "ZM", "HARARE": "ZW", "LILONGWE": "MW", "MAPUTO": "MZ", "LUANDA": "AO",
    "KINSHASA": "CD", "DAKAR": "SN", "ABIDJAN": "CI", "BAMAKO": "ML", "OUAGADOUGOU": "BF", "NIAMEY": "NE",
    "CONAKRY": "GN", "FREETOWN": "SL", "MONROVIA": "LR", "YAOUNDE": "CM", "DOUALA": "CM", "LIBREVILLE": "GA",
    "WINDHOEK": "NA", "GABORONE": "BW", "ANTANANARIVO": "MG", "PORT LOUIS": "MU", "TUNIS": "TN",
    "ALGIERS": "DZ", "RABAT": "MA", "CASABLANCA": "MA", "KHARTOUM": "SD", "AMMAN": "JO", "BEIRUT": "LB",
    "BAGHDAD": "IQ", "KUWAIT CITY": "KW", "MANAMA": "BH", "MUSCAT": "OM", "JERUSALEM": "IL", "TEL AVIV": "IL",
    "BAKU": "AZ", "TBILISI": "GE", "YEREVAN": "AM", "BISHKEK": "KG", "DUSHANBE": "TJ", "ASHGABAT": "TM",
    "ULAANBAATAR": "MN", "ULAN BATOR": "MN", "KABUL": "AF", "KATHMANDU": "NP", "THIMPHU": "BT",
    "YANGON": "MM", "NAYPYITAW": "MM", "PHNOM PENH": "KH", "VIENTIANE": "LA", "DILI": "TL",
    "BANDAR SERI BEGAWAN": "BN", "PORT MORESBY": "PG", "SUVA": "FJ", "MINSK": "BY", "CHISINAU": "MD",
    "BUCHAREST": "RO", "SOFIA": "BG", "BELGRADE": "RS", "ZAGREB": "HR", "LJUBLJANA": "SI",
    "BRATISLAVA": "SK", "BUDAPEST": "HU", "VILNIUS": "LT", "RIGA": "LV", "TALLINN": "EE", "REYKJAVIK": "IS",
    "VALLETTA": "MT", "NICOSIA": "CY", "TIRANA": "AL", "SKOPJE": "MK", "SARAJEVO": "BA", "PODGORICA": "ME",
    # provincial capitals, where Xinhua datelines a province's customs figures
    "NANJING": "CN-JS", "HANGZHOU": "CN-ZJ", "GUANGZHOU": "CN-GD", "SHENZHEN": "CN-GD", "JINAN": "CN-SD",
    "QINGDAO": "CN-SD", "CHENGDU": "CN-SC", "CHONGQING": "CN-CQ", "ZHENGZHOU": "CN-HA", "WUHAN": "CN-HB",
    "NANNING": "CN-GX", "KUNMING": "CN-YN", "FUZHOU": "CN-FJ", "XIAMEN": "CN-FJ", "HEFEI": "CN-AH",
    "CHANGSHA": "CN-HN", "NANCHANG": "CN-JX", "XI'AN": "CN-SN", "SHENYANG": "CN-LN", "HARBIN": "CN-HL",
    "URUMQI": "CN-XJ", "TIANJIN": "CN-TJ", "HAIKOU": "CN-HI", "LANZHOU": "CN-GS", "SHIJIAZHUANG": "CN-HE",
    "TAIYUAN": "CN-SX", "HOHHOT": "CN-NM", "CHANGCHUN": "CN-JL", "GUIYANG": "CN-GZ",
}  # fmt: skip

_DATELINE = re.compile(r"\s*(?P<city>[A-Z][A-Z .'-]*[A-Z])\s*(?:,|\(|\s[-–—]\s)")


def dateline_entity(text: str) -> tuple[int, int, str, str] | None:
    """(start, end, entity id, city as written) of the article's dateline, if it names a
    known city; the city is the name the article gives its economy."""
    match = _DATELINE.match(text)
    if match is None or (entity := _CITIES.get(match["city"])) is None:
        return None
    return match.start("city"), match.end("city"), entity, match["city"]


# statistics offices and customs agencies that speak for one economy
_AGENCIES = {
    "Stats NZ": "NZ", "Statistics New Zealand": "NZ", "Statistics Canada": "CA", "StatCan": "CA",
    "Institut de la statistique du Québec": "CA-QC", "Destatis": "DE", "Office for National Statistics": "GB",
    "Australian Bureau of Statistics": "AU", "Census Bureau": "US", "Bureau of Economic Analysis": "US",
    "INEGI": "MX", "IBGE": "BR", "SECEX": "BR", "Statistics South Africa": "ZA", "Stats SA": "ZA",
    "South African Revenue Service": "ZA", "TurkStat": "TR", "Turkstat": "TR", "Korea Customs Service": "KR",
    "General Administration of Customs": "CN", "Statistics Norway": "NO", "Statistics Sweden": "SE",
    "Istat": "IT", "ISTAT": "IT", "INSEE": "FR", "Department of Statistics Malaysia": "MY", "MATRADE": "MY",
    "Philippine Statistics Authority": "PH", "Statistics Indonesia": "ID", "Enterprise Singapore": "SG",
    "Census and Statistics Department": "HK", "Statistics Denmark": "DK", "Statistics Finland": "FI",
    "Statistics Austria": "AT", "Statistics Poland": "PL", "Statistics Netherlands": "NL",
    # names no other economy's office bears today (not "INE", "NBS" or "Eurostat", which speak for several)
    "Central Statistics Office": "IE", "Statistics Portugal": "PT", "Statbel": "BE",
    "Statistik Austria": "AT", "Statistics Iceland": "IS", "Statistics Estonia": "EE",
    "Statistics Lithuania": "LT", "Statistics Korea": "KR", "Statistics Bureau of Japan": "JP",
    "Hungarian Central Statistical Office": "HU", "KSH": "HU", "Czech Statistical Office": "CZ",
    "Croatian Bureau of Statistics": "HR", "National Bureau of Statistics of China": "CN", "INDEC": "AR",
    "DANE": "CO", "INEI": "PE", "Pakistan Bureau of Statistics": "PK",
    "Bangladesh Bureau of Statistics": "BD",
    "Kenya National Bureau of Statistics": "KE", "Uganda Bureau of Statistics": "UG",
    "Ghana Statistical Service": "GH", "General Statistics Office of Vietnam": "VN",
    "General Department of Vietnam Customs": "VN", "Singapore Department of Statistics": "SG",
    "Korea International Trade Association": "KR", "General Authority for Statistics": "SA", "GASTAT": "SA",
    "Statistics Mauritius": "MU", "Department of Census and Statistics": "LK",
}  # fmt: skip
_AGENCY = re.compile("|".join(re.escape(name) for name in sorted(_AGENCIES, key=len, reverse=True)))


def agency_entity(text: str, end: int) -> tuple[int, int, str, str] | None:
    """(start, end, entity id, name as written) of the first statistics office named
    before `end`: an article that names no economy in its lead is that office's."""
    match = _AGENCY.search(text, 0, end)
    return None if match is None else (match.start(), match.end(), _AGENCIES[match.group(0)], match.group(0))


DEMONYMS = {
    "Chinese": "CN", "U.S.": "US", "German": "DE", "Japanese": "JP", "Korean": "KR",
    "South Korean": "KR", "Vietnamese": "VN", "British": "GB", "French": "FR", "Italian": "IT",
    "Indian": "IN", "Brazilian": "BR", "Australian": "AU", "Canadian": "CA", "Mexican": "MX",
    "Indonesian": "ID", "Malaysian": "MY", "Thai": "TH", "Turkish": "TR", "South African": "ZA",
    "Russian": "RU", "Singaporean": "SG", "Philippine": "PH", "Spanish": "ES", "Dutch": "NL",
    "Swiss": "CH", "Bavarian": "DE-BY", "Saudi": "SA", "euro-area": "EA", "euro zone": "EA", "eurozone": "EA",
    "Chilean": "CL", "Polish": "PL", "Romanian": "RO", "Kenyan": "KE", "Pakistani": "PK", "Nigerian": "NG",
    "Egyptian": "EG", "Argentine": "AR", "Argentinian": "AR", "Peruvian": "PE", "Colombian": "CO",
    "Norwegian": "NO", "Swedish": "SE", "Danish": "DK", "Finnish": "FI", "Austrian": "AT", "Belgian": "BE",
    "Portuguese": "PT", "Greek": "GR", "Irish": "IE", "Czech": "CZ", "Hungarian": "HU", "Ukrainian": "UA",
    "Israeli": "IL", "Emirati": "AE", "Bangladeshi": "BD", "Sri Lankan": "LK", "Taiwanese": "TW",
    "Filipino": "PH", "Cambodian": "KH", "Moroccan": "MA", "Ghanaian": "GH", "Ethiopian": "ET",
    "Tanzanian": "TZ", "Iranian": "IR", "Kazakh": "KZ", "New Zealand": "NZ",
    "Omani": "OM", "Qatari": "QA", "Kuwaiti": "KW", "Bahraini": "BH", "Jordanian": "JO", "Lebanese": "LB",
    "Iraqi": "IQ", "Algerian": "DZ", "Tunisian": "TN", "Libyan": "LY", "Sudanese": "SD", "Angolan": "AO",
    "Mozambican": "MZ", "Zambian": "ZM", "Zimbabwean": "ZW", "Ugandan": "UG", "Rwandan": "RW",
    "Senegalese": "SN", "Ivorian": "CI", "Cameroonian": "CM", "Venezuelan": "VE", "Ecuadorian": "EC",
    "Bolivian": "BO", "Paraguayan": "PY", "Uruguayan": "UY", "Costa Rican": "CR", "Guatemalan": "GT",
    "Panamanian": "PA", "Cuban": "CU", "Nepali": "NP", "Nepalese": "NP", "Afghan": "AF", "Uzbek": "UZ",
    "Azerbaijani": "AZ", "Armenian": "AM", "Belarusian": "BY", "Serbian": "RS", "Croatian": "HR",
    "Slovak": "SK", "Slovenian": "SI", "Bulgarian": "BG", "Lithuanian": "LT", "Latvian": "LV",
    "Estonian": "EE", "Icelandic": "IS", "Maltese": "MT", "Cypriot": "CY", "Mongolian": "MN",
    "Namibian": "NA", "Malawian": "MW", "Mauritian": "MU", "Syrian": "SY", "Yemeni": "YE",
    "Dominican": "DO", "Motswana": "BW", "Batswana": "BW", "Fijian": "FJ", "Burmese": "MM", "Georgian": "GE",
    "Luxembourgish": "LU", "Jamaican": "JM", "Honduran": "HN", "Salvadoran": "SV", "Nicaraguan": "NI",
    "Laotian": "LA", "Bruneian": "BN", "Malagasy": "MG", "Gabonese": "GA", "Congolese": "CD", "Malian": "ML",
    "Nigerien": "NE", "Burkinabe": "BF", "Bosnian": "BA", "Albanian": "AL", "Macedonian": "MK",
    "Montenegrin": "ME", "Moldovan": "MD", "Kyrgyz": "KG", "Tajik": "TJ", "Turkmen": "TM", "Haitian": "HT",
    "Trinidadian": "TT", "Guyanese": "GY", "Surinamese": "SR", "Papua New Guinean": "PG", "Bhutanese": "BT",
    "Maldivian": "MV", "Somali": "SO", "Eritrean": "ER", "Djiboutian": "DJ", "Beninese": "BJ",
    "Togolese": "TG", "Guinean": "GN", "Liberian": "LR", "Sierra Leonean": "SL", "Gambian": "GM",
    "Mauritanian": "MR", "Chadian": "TD",
}  # fmt: skip
