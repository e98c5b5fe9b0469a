"""The figure finder: every quantity in a text, with character offsets.

One parser for the whole project: `tradex gold check`, the extractor's validators, the
grounding step and the rules baseline all read numbers through `find_figures`, so a
figure means the same thing everywhere. Regular expressions rather than a general
quantity library because trade news needs things those libraries do not model
(scale words folded into currency values, signs carried by verbs and by "deficit",
"respectively" lists, ranges, ranks written as ordinals, prices per tonne);
`benchmarks/finder.py` measures the choice against quantulum3.

Signs follow the wire format: a decline is a negative change, and a balance is exports
minus imports, so a deficit is negative and a deficit that widens is a negative change.
Each pattern scans the text once and every span check is a lookup in a claimed-character
mask, so the finder is linear in the text's length.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from decimal import Decimal
from itertools import pairwise

from pipeline.core.schema import Qualifier, is_currency

SCALES = {
    "trillion": 1e12, "tn": 1e12, "trn": 1e12, "trln": 1e12,
    "billion": 1e9, "bn": 1e9, "bln": 1e9, "b": 1e9,
    "million": 1e6, "mn": 1e6, "mln": 1e6, "m": 1e6,
    "thousand": 1e3, "k": 1e3,
    "crore": 1e7, "crores": 1e7, "cr": 1e7, "lakh": 1e5, "lakhs": 1e5,
    "lakh crore": 1e12, "lakh crores": 1e12,
}  # fmt: skip
WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
}  # fmt: skip
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
    "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
    "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16,
    "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
}  # fmt: skip

# Currency notations, folded to lower case -> ISO 4217. Prefixes stand before the number
# ("A$6.9 billion"), suffixes after it ("6.9 billion Australian dollars").
PREFIX_CURRENCIES = {
    "us$": "USD", "u.s.$": "USD", "$": "USD", "hk$": "HKD", "nt$": "TWD", "s$": "SGD",
    "a$": "AUD", "au$": "AUD", "c$": "CAD", "ca$": "CAD", "nz$": "NZD", "r$": "BRL",
    "rs": "INR", "rs.": "INR", "₹": "INR", "rp": "IDR", "rp.": "IDR", "rm": "MYR",
    "¥": "CNY", "rmb": "CNY", "€": "EUR", "£": "GBP", "₩": "KRW", "₫": "VND", "₺": "TRY",
    "r": "ZAR", "mex$": "MXN", "₦": "NGN", "ksh": "KES", "kshs": "KES", "ksh.": "KES", "₱": "PHP",
    "₴": "UAH", "₪": "ILS", "₸": "KZT", "৳": "BDT", "gh¢": "GHS", "gh₵": "GHS", "₵": "GHS",
    "tsh": "TZS", "tshs": "TZS", "ush": "UGX", "ushs": "UGX", "tl": "TRY", "sr": "SAR", "qr": "QAR",
    "e£": "EGP", "₽": "RUB", "s/": "PEN", "s/.": "PEN", "dh": "AED", "dhs": "AED", "ro": "OMR", "bd": "BHD",
    "kd": "KWD", "jd": "JOD", "sfr": "CHF", "sfr.": "CHF", "kr": "SEK", "kr.": "SEK",
    "fj$": "FJD", "j$": "JMD", "tt$": "TTD", "n$": "NAD", "bz$": "BZD", "bds$": "BBD", "b$": "BND",
    "g$": "GYD", "l$": "LRD", "si$": "SBD", "ec$": "XCD",
    "rd$": "DOP", "$u": "UYU", "u$s": "USD", "₡": "CRC", "₲": "PYG", "gs.": "PYG", "₭": "LAK", "៛": "KHR",
    "₮": "MNT", "֏": "AMD", "₾": "GEL", "₼": "AZN", "mk": "MWK", "nis": "ILS", "bs": "BOB", "bs.": "BOB",
    "cop$": "COP", "clp$": "CLP", "ars$": "ARS", "mxn$": "MXN", "uyu$": "UYU", "b/.": "PAB",
}  # fmt: skip
SUFFIX_CURRENCIES = {
    "yuan": "CNY", "renminbi": "CNY", "rmb": "CNY",
    "dollars": "USD", "us dollars": "USD", "u.s. dollars": "USD", "american dollars": "USD",
    "australian dollars": "AUD", "canadian dollars": "CAD", "singapore dollars": "SGD",
    "hong kong dollars": "HKD", "new zealand dollars": "NZD", "taiwan dollars": "TWD",
    "new taiwan dollars": "TWD", "fiji dollars": "FJD", "fijian dollars": "FJD", "jamaican dollars": "JMD",
    "trinidad and tobago dollars": "TTD", "namibian dollars": "NAD", "bahamian dollars": "BSD",
    "barbados dollars": "BBD", "belize dollars": "BZD", "guyana dollars": "GYD", "liberian dollars": "LRD",
    "brunei dollars": "BND", "solomon islands dollars": "SBD", "eastern caribbean dollars": "XCD",
    "euros": "EUR", "euro": "EUR", "pounds": "GBP", "pounds sterling": "GBP", "sterling": "GBP",
    "yen": "JPY", "won": "KRW", "dong": "VND", "rupees": "INR", "rupee": "INR",
    "rupiah": "IDR", "reais": "BRL", "real": "BRL", "rand": "ZAR", "pesos": "MXN",
    "ringgit": "MYR", "lira": "TRY", "liras": "TRY", "baht": "THB", "swiss francs": "CHF",
    "francs": "CHF", "roubles": "RUB", "rubles": "RUB", "riyals": "SAR", "dirhams": "AED",
    "zlotys": "PLN", "zloty": "PLN", "kronor": "SEK", "swedish kronor": "SEK", "norwegian kroner": "NOK",
    "danish kroner": "DKK", "naira": "NGN", "kenyan shillings": "KES", "shillings": "KES", "cedis": "GHS",
    "egyptian pounds": "EGP", "forints": "HUF", "forint": "HUF", "koruna": "CZK", "lei": "RON",
    "soles": "PEN", "taka": "BDT", "pakistani rupees": "PKR", "sri lankan rupees": "LKR", "shekels": "ILS",
    "hryvnias": "UAH", "hryvnia": "UAH", "tenge": "KZT", "pesos chilenos": "CLP",
    "mexican pesos": "MXN", "colombian pesos": "COP", "chilean pesos": "CLP", "argentine pesos": "ARS",
    "philippine pesos": "PHP", "uruguayan pesos": "UYU", "brazilian reais": "BRL", "indian rupees": "INR",
    "nepalese rupees": "NPR", "indonesian rupiah": "IDR", "south african rand": "ZAR", "turkish lira": "TRY",
    "saudi riyals": "SAR", "qatari riyals": "QAR", "omani rials": "OMR", "uae dirhams": "AED",
    "emirati dirhams": "AED", "moroccan dirhams": "MAD", "kuwaiti dinars": "KWD", "iraqi dinars": "IQD",
    "algerian dinars": "DZD", "tunisian dinars": "TND", "jordanian dinars": "JOD", "bahraini dinars": "BHD",
    "serbian dinars": "RSD", "tanzanian shillings": "TZS", "ugandan shillings": "UGX", "birr": "ETB",
    "kwacha": "ZMW", "zambian kwacha": "ZMW", "malawian kwacha": "MWK", "cfa francs": "XOF",
    "west african cfa francs": "XOF", "central african cfa francs": "XAF", "fcfa": "XOF", "cfa": "XOF",
    "manat": "AZN", "lari": "GEL",
    "drams": "AMD", "pula": "BWP", "leones": "SLE", "kyat": "MMK", "riels": "KHR", "kip": "LAK",
    "russian roubles": "RUB", "russian rubles": "RUB", "ukrainian hryvnias": "UAH", "polish zlotys": "PLN",
    "czech crowns": "CZK", "czech koruna": "CZK", "hungarian forints": "HUF", "romanian lei": "RON",
    "bulgarian levs": "BGN", "leva": "BGN", "icelandic kronur": "ISK", "swedish crowns": "SEK",
    "norwegian crowns": "NOK", "danish crowns": "DKK", "japanese yen": "JPY", "chinese yuan": "CNY",
    "korean won": "KRW", "south korean won": "KRW", "vietnamese dong": "VND", "thai baht": "THB",
    "malaysian ringgit": "MYR", "bangladeshi taka": "BDT", "kazakh tenge": "KZT", "israeli shekels": "ILS",
    "new shekels": "ILS", "peruvian soles": "PEN", "ghanaian cedis": "GHS", "nigerian naira": "NGN",
    "egyptian pound": "EGP", "british pounds": "GBP", "dinars": "KWD", "kroner": "NOK", "krone": "NOK",
    "crowns": "CZK", "crown": "CZK",
    "lempiras": "HNL", "quetzales": "GTQ", "quetzals": "GTQ", "bolivianos": "BOB", "guaranies": "PYG",
    "guaraníes": "PYG", "manats": "AZN", "soums": "UZS", "sums": "UZS", "kyats": "MMK", "meticais": "MZN",
    "kwanzas": "AOA", "tugriks": "MNT", "tugrik": "MNT", "afghanis": "AFN", "somoni": "TJS", "denars": "MKD",
    "convertible marks": "BAM", "rials": "OMR", "iranian rials": "IRR", "yemeni rials": "YER",
    "colones": "CRC", "costa rican colones": "CRC", "rufiyaa": "MVR", "ouguiyas": "MRU", "dalasis": "GMD",
    "dominican pesos": "DOP", "kuna": "HRK", "kunas": "HRK", "croatian kuna": "HRK",
    "ariary": "MGA", "malagasy ariary": "MGA", "balboas": "PAB", "gourdes": "HTG", "haitian gourdes": "HTG",
    "cordobas": "NIO", "córdobas": "NIO", "surinamese dollars": "SRD", "cayman islands dollars": "KYD",
    "moldovan lei": "MDL", "soms": "KGS", "som": "KGS", "kyrgyz soms": "KGS",
}  # fmt: skip
ISO_CODES = (
    "USD|EUR|CNY|JPY|GBP|KRW|INR|AUD|CAD|BRL|ZAR|MXN|MYR|IDR|TRY|VND|CHF|SGD|HKD|THB|RUB"
    "|SAR|AED|TWD|NZD|PHP|PLN|SEK|NOK|DKK|CLP|COP|PEN|ARS|EGP|NGN|KZT|PKR|BDT|KES|GHS|HUF|CZK|RON|ILS"
    "|UAH|LKR|QAR|KWD|MAD|TZS|UGX|ETB|UYU|OMR|BHD|JOD|IQD|DZD|TND|RSD|BGN|ISK|NPR|ZMW|MWK|XOF|XAF|AZN"
    "|GEL|AMD|BWP|SLE|MMK|KHR|LAK|UZS|KGS|MNT|HNL|GTQ|BOB|PYG|MZN|AOA|AFN|TJS|MKD|BAM|IRR|YER|CRC|MVR"
    "|MRU|GMD|DOP|JMD|TTD|NAD|MUR|SCR|RWF|BIF|CDF|SDG|LYD|SYP|LBP|BYN|MDL|ALL|TMT|BND|FJD|PGK|XPF|HRK"
    "|BSD|BBD|BZD|GYD|LRD|SBD|XCD|MGA|PAB|HTG|NIO|CUP|AWG|KYD|BMD|SRD|BTN|MOP|DJF|SOS|SZL|LSL|CVE|GNF"
)
PHYSICAL_WORDS = {
    "tonnes": "t", "tonne": "t", "tons": "t", "ton": "t", "metric tons": "t", "metric tonnes": "t",
    "metric ton": "t", "t": "t", "kilograms": "kg", "kilogram": "kg", "kg": "kg", "kilos": "kg", "kilo": "kg",
    "barrels": "bbl", "barrel": "bbl", "bbl": "bbl", "bpd": "bbl", "b/d": "bbl", "cubic metres": "m3",
    "cubic meters": "m3",
    "cubic metre": "m3", "cubic meter": "m3", "m3": "m3", "kilolitres": "m3", "kilolitre": "m3",
    "kiloliters": "m3", "kiloliter": "m3", "teus": "TEU", "teu": "TEU",
    "twenty-foot equivalent units": "TEU", "vehicles": "vehicles", "vehicle": "vehicles",
    "cars": "vehicles", "car": "vehicles", "units": "units", "unit": "units", "sets": "units",
    "pieces": "units", "piece": "units",
    "passenger cars": "vehicles", "passenger vehicles": "vehicles", "commercial vehicles": "vehicles",
    "motor vehicles": "vehicles", "light vehicles": "vehicles", "trucks": "vehicles",
    # coffee's 60-kg bags, cotton's bales: counted, not weighed
    "bags": "units", "bales": "units", "bag": "units", "bale": "units",
    "standard cubic metres": "m3", "standard cubic meters": "m3", "standard cubic metre": "m3",
    "standard cubic meter": "m3",
}  # fmt: skip


_Trie = dict[str, "_Trie"]


def _alternatives(words: Iterable[str]) -> str:
    """The words as a trie ("r(?:m(?:b)?|s)?" for "r", "rm", "rmb", "rs"), longer ones
    preferred: Python's regex engine tries a flat alternation's words one by one at every
    position, and a trie tries one letter at a time."""
    trie: _Trie = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_pattern(trie)


def _trie_pattern(node: _Trie) -> str:
    branches = [re.escape(char) + _trie_pattern(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    if "" in node:
        return f"(?:{'|'.join(branches)})?"
    return branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"


# Indian grouping ("3,22,690") first: the western pattern would stop at "3,22"
_NUM_BODY = (
    r"\d{1,3}(?:\.\d{3})+,\d+(?![\d.,])|\d{1,3},\d{1,2}(?![\d,])"  # a decimal comma: "34.512,3", "4,6"
    r"|\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d+)?|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
)
# thousands grouped by spaces, as Eurostat writes them ("€2 183.4 bn"): only after a currency sign
_SPACED = r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:\.\d+|,\d{1,2})?(?![\d,])"
_SCALE_WORDS = "trillion|billion|million|thousand|crores?|cr|lakh crores?|lakhs?|trln|trn|tn|bn|bln|mn|mln"
_ISO = _alternatives(ISO_CODES.split("|"))
# Letters a national press writes as its currency's sign, read in that case and before an
# amount only: the Nigerian naira "N19.07 trillion" and the Philippine peso "P3.2 billion"
# with their scale word, the Kenyan shilling "Sh12 billion", the Ugandan "Shs3 trillion",
# the Bangladeshi taka "Tk 3,200 crore" and the Thai baht "Bt3.2bn"; the kwacha (kina,
# kyat) "K106.8 billion" and the quetzal "Q1.2 billion" with their scale word, never a
# quarter's "Q1 2025"; the birr "Br 12.4 billion", the kwanza "Kz 1.2 trillion", the
# Lebanese pound "LL 3 trillion" and the metical "MT 45 billion" (with its scale word)
_LETTER_PREFIXES = {
    "n": "NGN", "p": "PHP", "sh": "KES", "shs": "UGX", "tk": "BDT", "tk.": "BDT", "bt": "THB", "k": "ZMW",
    "q": "GTQ", "br": "ETB", "l": "HNL", "kz": "AOA", "mt": "MZN", "ll": "LBP", "l.l.": "LBP",
}  # fmt: skip
_LETTERS = (  # the lempira "L89.6 billion", the kina's price "K37,960 per tonne"
    r"(?-i:N|P|K|Q|L)(?=\d[\d.,]*\s?(?:trillion|billion|million|tn|bn|mn)\b"
    r"|\d[\d.,]*\s(?:per|a)\s(?:tonne|ton|kg|kilogram|barrel)\b)"
    r"|(?-i:Shs?|Bt)(?=\d)|(?-i:Tk\.?|Br|Kz|LL|L\.L\.)(?=\s?\d)"
    r"|(?-i:MT)(?=\s?\d[\d.,]*\s?(?:trillion|billion|million|bn|mn)\b)"  # the metical, not megatonnes
)
_PREFIX = rf"(?<![A-Za-z])(?:{_alternatives(PREFIX_CURRENCIES)}|{_ISO}(?=\s?\d)|{_LETTERS})"
_SUFFIX = rf"(?:{_alternatives(SUFFIX_CURRENCIES)}|{_ISO})\b"
_WEIGHED = r"(?:\d{1,3}[-\s]?(?:kg|kilogram|lb|pound)\s(?=bags?|bales?))?"  # "1.03 million 60-kg bags"
_PHYSICAL = rf"{_WEIGHED}(?:{_alternatives(PHYSICAL_WORDS)})\b"
_DASH = r"[\s\-\u2010\u2011\u2013]"
_RANGE_SEP = r"\s?(?:-|\u2013|\u2014|to)\s?"
_FISCAL = r"(?:(?:fiscal|financial|calendar)\s)?"  # "the fifth consecutive fiscal year"


def _num(tag: str) -> str:
    return rf"(?P<num{tag}>{_NUM_BODY})"


def _scale(tag: str, short: bool = False) -> str:
    extra = "|m|b|k" if short else ""
    return rf"(?:\s?(?P<scale{tag}>{_SCALE_WORDS}{extra})\b)?"


def _money(tag: str) -> str:
    """A currency amount: "$5.4 billion", "A$6.9bn", "9.15 trillion yuan", "USD 3 million"."""
    prefix = rf"(?P<pre{tag}>{_PREFIX})\s?(?P<num{tag}p>{_SPACED}|{_NUM_BODY}){_scale(tag + 'p', short=True)}"
    suffix = rf"{_num(tag + 's')}{_scale(tag + 's', short=True)}\s(?P<suf{tag}>{_SUFFIX})"
    return rf"(?:{prefix}|{suffix})"


# a word before the unit needs its space: "$5 billion at the end of June" is no price per "t"
_PER = rf"\s?(?:/\s?|(?:per|a|an|each)[\s\-])(?P<per>{_PHYSICAL})"
_STANDING_AFTER = r"\b(?=\s(?:with|at|on|among|behind|after|ahead)\b|\s?[,.;)]|$)"
_PERCENT_WORD = r"(?:percent\b|per\s?cent\b|pct\b|pc\b|%)"
_POINTS_WORD = rf"(?:percentage{_DASH}points?|pct{_DASH}points?|pp\b|ppts?\b)"

# Ordered by priority: an earlier pattern claims its span before a later one can.
PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "money_range",
        re.compile(
            rf"(?:between\s(?P<pre>{_PREFIX})\s?{_num('')}{_scale('a', short=True)}\sand\s(?:{_PREFIX})?\s?"
            rf"(?P<num2>{_NUM_BODY}){_scale('', short=True)}"
            rf"|(?P<prex>{_PREFIX})\s?(?P<numx>{_NUM_BODY}){_scale('x', short=True)}(?P<sep>{_RANGE_SEP})"
            rf"(?:{_PREFIX})?\s?(?P<num2x>{_NUM_BODY}){_scale('y', short=True)}"
            # "and" joins a range only after "between": "9.2 billion and 12.4 billion pesos" are two
            rf"|(?P<btw>between\s)?{_num('b')}{_scale('b')}(?P<sepb>{_RANGE_SEP}|(?(btw)\sand\s|(?!)))"
            rf"(?P<num2b>{_NUM_BODY})"
            rf"{_scale('c')}\s(?P<suf>{_SUFFIX}))"
            rf"(?:{_PER})?",  # "$228-232 per tonne": a range of prices
            re.IGNORECASE,
        ),
    ),
    (
        "percent_range",
        re.compile(
            rf"between\s{_num('')}(?:\s?{_PERCENT_WORD})?\sand\s(?P<num2>{_NUM_BODY}){_DASH}?{_PERCENT_WORD}"
            rf"|(?P<numx>{_NUM_BODY})(?:\s?{_PERCENT_WORD})?(?P<sep>{_RANGE_SEP})(?P<num2x>{_NUM_BODY})"
            rf"{_DASH}?{_PERCENT_WORD}",
            re.IGNORECASE,
        ),
    ),
    ("price", re.compile(rf"{_money('')}{_PER}", re.IGNORECASE)),
    (
        "physical_range",  # "between 6.8 million and 7 million tonnes", "40-45 million tonnes"
        re.compile(
            rf"between\s{_num('')}{_scale('a')}(?:\s?{_PHYSICAL})?\sand\s(?P<num2>{_NUM_BODY}){_scale('')}"
            rf"\s?(?P<phys>{_PHYSICAL})"
            rf"|(?P<numx>{_NUM_BODY}){_scale('x')}(?P<sep>{_RANGE_SEP})(?P<num2x>{_NUM_BODY}){_scale('y')}"
            rf"\s?(?P<physx>{_PHYSICAL})",
            re.IGNORECASE,
        ),
    ),
    ("money", re.compile(_money(""), re.IGNORECASE)),
    (
        "physical",  # a number with a scale word or a unit after it; a bare one is the count pattern's
        re.compile(
            rf"{_num('')}(?:\s?(?P<mt>Mt|MMT)\b|\s?(?P<bcm>bcm)\b"
            rf"|(?=\s?(?:{_SCALE_WORDS})\b|(?:m|k)\s?{_PHYSICAL}|\s?{_PHYSICAL}){_scale('', short=True)}\s?"
            rf"(?P<phys>{_PHYSICAL})?)",
            re.I,
        ),
    ),
    ("points", re.compile(rf"{_num('')}{_DASH}?{_POINTS_WORD}", re.IGNORECASE)),
    ("percent", re.compile(rf"{_num('')}{_DASH}?{_PERCENT_WORD}", re.IGNORECASE)),
    ("rank_no", re.compile(rf"\bNo\.\s?{_num('')}\b")),
    (
        "rank_ordinal",
        re.compile(
            rf"\b(?:rank(?:ed|ing|s)?|placed|placing)\s+(?:the\s+)?(?P<ord>{_alternatives(ORDINALS)}|\d+(?:st|nd|rd|th))\b"
            rf"|\b(?P<ord2>{_alternatives(ORDINALS)}|\d+(?:st|nd|rd|th))(?:{_DASH}(?:largest|biggest)\b"
            # "the second- and third-largest markets": the first word's hyphen is suspended
            rf"|-(?=\s(?:and|or)\s(?:{_alternatives(ORDINALS)}|\d+(?:st|nd|rd|th)){_DASH}(?:largest|biggest)\b))"
            rf"|\b(?P<ord3>{_alternatives(ORDINALS)}|\d+(?:st|nd|rd|th))\s(?:place|position|spot)\b"
            # "the second destination", "Jordan's first source of goods"
            rf"|\b(?:the|its|their|[\w.]+['\u2019]s)\s(?P<ord8>{_alternatives(ORDINALS)})\s"
            # "Spain's first and second markets": the list's first ordinal, the role after the last
            rf"(?:(?:and|or)\s(?={_alternatives(ORDINALS)}\s))?(?:{_alternatives(ORDINALS)}\s)?"
            rf"(?:(?:largest|biggest)\s)?"
            rf"(?:(?:export|import)\s)?(?:destination|market|source|supplier|buyer|customer|(?:trading\s)?partner)s?\b(?!\sto\b)"
            rf"|\b(?:up|down) from (?P<ord4>{_alternatives(ORDINALS)}|\d+(?:st|nd|rd|th))\b"
            rf"(?!\s(?:quarter|half|month|year|week|day))"
            # a standing stated without "ranked": "India was fourth with 3.3%", "slipped to third at
            # 5.1%", "the United States in third.", "Saudi Arabia first at $4 billion, India second"
            rf"|\b(?:was|were|is|are|came|comes|stood|stands|remained|remains|finished|slipped|slid|fell"
            rf"|dropped|rose|climbed|moved|jumped)\s+(?:back\s+)?(?:to\s+)?(?P<ord5>{_alternatives(ORDINALS)})"
            rf"{_STANDING_AFTER}"
            rf"|\bin\s(?P<ord6>{_alternatives(ORDINALS)}){_STANDING_AFTER}"
            rf"|(?:(?<=,\s)|(?<=\sand\s)|(?<=\swith\s))(?:the\s)?(?!(?-i:The|A|An|Its|Their|This|That)\b)"
            rf"(?-i:[A-Z][\w.]*(?:\s[A-Z][\w.]*){{0,3}})\s(?P<ord7>{_alternatives(ORDINALS)}){_STANDING_AFTER}",
            re.IGNORECASE,
        ),
    ),
    (
        "streak",
        re.compile(
            rf"\b(?P<n>{_alternatives(WORD_NUMBERS)}|\d+)\s(?:consecutive|straight|successive)\s{_FISCAL}"
            rf"(?P<unit>years|months|quarters|monthly|quarterly|annual|yearly)\b"
            rf"|\b(?P<n2>{_alternatives(WORD_NUMBERS)}|\d+)\s(?P<unit2>years|months|quarters)\s(?:in\sa\srow|running)\b"
            rf"|\b(?P<o>{_alternatives(ORDINALS)}|\d+(?:st|nd|rd|th))\s(?:consecutive|straight|successive)\s"
            rf"{_FISCAL}(?P<unit3>year|month|quarter)\b"
            rf"|\b(?P<o2>{_alternatives(ORDINALS)}|\d+(?:st|nd|rd|th))\s(?P<unit4>year|month|quarter)\s"
            rf"(?:in\sa\srow|running)\b"
            rf"|\b(?P<o3>{_alternatives(ORDINALS)}|\d+(?:st|nd|rd|th))\s(?:consecutive|straight|successive)\s"
            rf"(?P<unit5>monthly|quarterly|annual|yearly)\b"
            # "imports fell for a second month": a run, unlike "in the second month of the year"
            rf"|\bfor\sa\s(?!first\b)(?P<o4>{_alternatives(ORDINALS)}|\d+(?:st|nd|rd|th))\s"
            rf"(?P<unit6>year|month|quarter)\b(?!\sof\s)",
            re.IGNORECASE,
        ),
    ),
    ("count", re.compile(rf"(?<![\w.,$]){_num('')}(?![\w]|\.\d|,\d)")),
]

# A word every match of a slow pattern holds: one quick search spares a scan with it.
NEEDED_WORDS = {
    "streak": re.compile(r"consecutive|straight|successive|in\sa\srow|running|for\sa\s", re.IGNORECASE),
    "rank_ordinal": re.compile(rf"\d(?:st|nd|rd|th)|{_alternatives(ORDINALS)}", re.IGNORECASE),
    "price": re.compile(_PER, re.IGNORECASE),
}

_MONTHS = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?"
)
_DATE_BEFORE = re.compile(rf"{_MONTHS}\s$")
_DATE_AFTER = re.compile(rf"^\s{_MONTHS}\b")
_PERIOD_COUNT = re.compile(r"(?:first|last|past|next|previous)\s+$", re.IGNORECASE)
_PERIOD_UNIT = re.compile(r"^\s+(?:months|weeks|days|quarters|years)\b", re.IGNORECASE)
# a move of the balance itself, whichever side it is on: no deficit turns its sign
_BALANCE_MOVE = re.compile(
    r"\b(?:improvement|deterioration)\s+(?:of\s+|by\s+)?(?:about\s+|nearly\s+|some\s+|almost\s+)?$", re.I
)
_SHARE_LEVEL = re.compile(
    r"\b(?:account(?:ed|ing|s)? for|made up|making up|represent(?:ed|ing|s)|took|taking)\s+"
    r"(?:about\s+|nearly\s+|almost\s+|some\s+|more than\s+|roughly\s+|around\s+|over\s+)?$",
    re.IGNORECASE,
)
_LEVEL = re.compile(  # "fell to 12.3 percent", "down from an 81.6% share"
    r"\b(?:to|from|at)\s+(?:a\s+(?:record\s+)?(?:high\s+of\s+|low\s+of\s+|total\s+of\s+)|an?\s+|the\s+)?"
    r"(?:about\s+|nearly\s+|more than\s+|around\s+|almost\s+|over\s+)?$",
    re.IGNORECASE,
)
_AT_LEAST = re.compile(
    r"(?:more than|over|exceeded|exceeding|exceeds|exceed|above|at least|upwards of"
    r"|in excess of|surpassed|surpasses|surpass|topped|tops|topping|surpassing|past|beyond"
    r"|crossed|crosses|crossing|cross"
    r"|(?:could|would|will|to|may|might|should|expected to|set to)\s+top)\s+$",  # not "the top 10"
    re.IGNORECASE,
)
_AT_MOST = re.compile(
    r"(?:nearly|almost|less than|fewer than|under|below|at most"
    r"|up to)\s+$",
    re.IGNORECASE,
)
_REVISED_UP = re.compile(
    r"\b(?:revised|raised|lifted)\s+(?:\S+\s+){0,2}up to\s+$"
    # "revised August mining exports up to", "revised its estimate of September exports up to"
    r"|\brevised\s+(?:\S+\s+){0,6}?(?<!\bof\s)(?<!\bworth\s)up to\s+$"
    r"|\b(?:move[sd]?|moving|climb(?:ed|s|ing)?)\s+up to\s+$",  # "moved up to second place"
    re.IGNORECASE,
)
_APPROX = re.compile(
    r"(?:about|around|approximately|roughly|some|close to|an estimated|an approximate)\s+$", re.IGNORECASE
)
_DOWN = (
    r"fell|fall|falls|falling|declined|decline|declines|declining|decreased|decrease|decreases"
    r"|contract|contracts|down|dropped|drop|drops|slip|slips|slide|slides|slipped|slid|contracted|shrink|shrinks"
    r"|shrank|shrunk|shrinking|sink|sinks|dip|dips|ease|eases"
    r"|plunged|slumped"
    r"|lower|minus|narrowed|narrowing|narrows|eased|dipped|sank|tumbled|retreated|weakened|slipping|sliding"
    r"|dipping|easing|sinking|tumbling|shrinking|contracting|dropping|decreasing|deteriorated|worsened"
    r"|fallen|sunk|lost|shed|deterioration|contraction"
)
_UP = (
    r"rose|rise|rises|rising|up|increased|increase|increases|grew|grow|growth|jumped|surged"
    r"|surge|surges|climbed|expanded|gained|higher|edged up|plus|widened|widening|widens"
    r"|advanced|soared|accelerated|rebounded|swelled|improved|risen|grown|added|improvement"
)
_SIGN_CUE = re.compile(rf"\b(?P<cue>{_DOWN}|{_UP})\b", re.IGNORECASE)
_DOWN_RE = re.compile(rf"^(?:{_DOWN})$", re.IGNORECASE)
# "a 5.0% year-on-year drop": the comparison may stand between the figure and the word
_AFTER_WHICH = (
    r"\s*(?:(?:year[- ]on[- ]year|month[- ]on[- ]month|on[- ]year|annual|monthly|quarterly|y/y|m/m)\s+)?"
)
# "down from 92.4%" names where a level came from: the figure before it is that level, not a fall
_FROM_A_LEVEL = r"(?!\s+from\s+(?:an?\s+)?(?:revised\s+|record\s+)?[^\s\d]{0,4}\s?\d)"
_AFTER_DOWN = re.compile(
    _AFTER_WHICH
    + r"(?:decline|decrease|drop|fall|contraction|lower|less|fewer|below|smaller|narrower|down|cheaper)\b"
    + _FROM_A_LEVEL,
    re.IGNORECASE,
)
_AFTER_UP = re.compile(
    _AFTER_WHICH
    + r"(?:gain|rise|increase|growth|expansion|jump|higher|more|above|up|wider|dearer|costlier)\b"
    + _FROM_A_LEVEL,
    re.IGNORECASE,
)
_RESTATED = re.compile(r",\s+or\s+(?:about\s+|nearly\s+|some\s+|roughly\s+)?$", re.IGNORECASE)
_A_LEVEL_BEFORE = re.compile(
    r"\b(?:to|at)\s+(?:about\s+|nearly\s+|some\s+|roughly\s+)?\S{0,4}\s?\d[\d.,]*(?:\s?[a-zA-Z%]+){0,2}$"
)
_RESTATEMENT_AFTER = re.compile(r",\s+or\s+[^,;]{1,30}?,", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"[.;:!?]\s|,\s|\swhile\s|\swhereas\s|\sbut\s")
_SENTENCE_BREAK = re.compile(r"[.;!?]\s")
_SUBJECT = re.compile(
    # "the deficit in goods trade": a balance, not the trade it is of
    r"\b(?:(?:deficits?|shortfalls?|gaps?|surplus(?:es)?) (?:on|in|of)"
    r" (?:(?:goods|services|merchandise) )?trade(?: (?:in|of) (?:goods|services|merchandise))?\b"
    r"|negative (?:trade )?balance|negative(?=\s+at\b)|deficits?|shortfalls?|gaps?|in the red|surplus(?:es)?"
    r"|exports?"
    r"|imports?|shipments|sales|trade"
    r"(?!\s+(?:deficit|gap|surplus|shortfall|balance))|purchases|value)\b",
    re.IGNORECASE,
)
_DEFICIT_WORD = re.compile(r"deficit|shortfall|gap|in the red|negative", re.IGNORECASE)
_BALANCE_OF = r"\s*(?:trade\s+|goods\s+|merchandise\s+|current[- ]account\s+|monthly\s+|annual\s+)?"
_DEFICIT_AFTER = re.compile(rf"{_BALANCE_OF}(?:deficit|shortfall|gap)\b", re.IGNORECASE)
# "rose 5.6 percent and fell 3.4 percent, respectively": a verb may repeat between the items
_LIST_GAP = re.compile(rf"^\s*(?:,|,?\s*and|,?\s*or)?\s*(?:(?:{_DOWN}|{_UP})\s+(?:by\s+)?)?$", re.IGNORECASE)
# "38.1% and 27.4% of gold shipments, respectively": the whole they are of may come between
_RESPECTIVELY = re.compile(r"(?:\s+(?:of|in|to)\s[^,.;:\d]{1,50}?)?\s*,?\s*respectively\b", re.IGNORECASE)
_SURPLUS_AFTER = re.compile(rf"{_BALANCE_OF}surplus\b", re.IGNORECASE)
_NOT_A_RANGE = re.compile(r"(?<!ranging )(?<!ranged )(?<!ranges )\bfrom\s+$", re.IGNORECASE)
_BY_BEFORE = re.compile(r"\bby\s+(?:about\s+|around\s+|nearly\s+|some\s+|more than\s+|over\s+)?$", re.I)
_ADJACENT_CUE = re.compile(
    rf"\b(?P<cue>{_DOWN}|{_UP})\s+(?:by\s+|of\s+)?(?:(?:a record|a further|an additional)\s+)?"
    rf"(?:(?:about|around|nearly|almost|some|roughly|more than|over|just over|less than)\s+)?$",
    re.IGNORECASE,
)

UNSIGNED_UNITS = ("rank", "years", "months", "quarters")


# A bare symbol several economies share, by the currency the finder reads it as: how it
# is written (the sign before the number, the word after it) and what it may stand for.
SHARED_SYMBOLS: dict[str, tuple[str | None, str | None, frozenset[str]]] = {
    "USD": (
        "$",
        "dollars?",
        frozenset(
            {
                "USD",
                "AUD",
                "CAD",
                "NZD",
                "SGD",
                "HKD",
                "TWD",
                "FJD",
                "JMD",
                "TTD",
                "NAD",
                "BSD",
                "BBD",
                "BZD",
                "GYD",
                "LRD",
                "BND",
                "SBD",
                "XCD",
            }
        ),
    ),
    "CNY": ("¥", None, frozenset({"CNY", "JPY"})),
    "INR": ("rs", "rupees?", frozenset({"INR", "PKR", "LKR", "NPR", "MUR", "SCR"})),
    "PHP": ("p", None, frozenset({"PHP", "BWP"})),  # "P3.2 billion": Philippine pesos or Botswana pula
    "MXN": (None, "pesos?", frozenset({"MXN", "COP", "CLP", "ARS", "PHP", "UYU", "DOP"})),
    "KES": ("sh", "shillings?", frozenset({"KES", "TZS", "UGX"})),
    "SAR": (None, "riyals?", frozenset({"SAR", "QAR", "OMR"})),
    "OMR": (None, "rials?", frozenset({"OMR", "IRR", "YER"})),
    "KWD": (None, "dinars?", frozenset({"KWD", "IQD", "DZD", "TND", "JOD", "BHD", "LYD", "RSD"})),
    "GBP": (None, "pounds?", frozenset({"GBP", "EGP", "LBP", "SDG", "SYP"})),
    "NOK": (None, "kroner|krone", frozenset({"NOK", "DKK"})),
    "SEK": ("kr", None, frozenset({"SEK", "NOK", "DKK", "ISK"})),
    "CHF": (None, "francs?", frozenset({"CHF", "XOF", "XAF"})),
    "XOF": (None, "f?cfa", frozenset({"XOF", "XAF"})),  # both CFA francs write "FCFA"
    "CZK": (None, "crowns?", frozenset({"CZK", "SEK", "NOK", "DKK", "ISK"})),
    "AED": ("dh", "dirhams?", frozenset({"AED", "MAD"})),
    "BND": ("b$", None, frozenset({"BND", "BSD"})),  # "B$": Brunei's or the Bahamas' dollar
    # "K106.8 billion", "kwacha": Zambia's or Malawi's kwacha, Papua New Guinea's kina, Myanmar's kyat
    "ZMW": ("k", "kwacha", frozenset({"ZMW", "MWK", "PGK", "MMK"})),
    "BOB": ("bs", None, frozenset({"BOB", "VES"})),  # "Bs": Bolivia's boliviano or Venezuela's bolivar
    "RON": (None, "lei", frozenset({"RON", "MDL"})),  # Romania's or Moldova's leu
}


_CURRENCY_WORD = re.compile(rf"(?i:\b{_alternatives(SUFFIX_CURRENCIES)}\b)|\b(?:{ISO_CODES})\b")


def named_currencies(text: str) -> frozenset[str]:
    """Every currency a text names in words or by code, anywhere ("figures are in yuan",
    "USD"), with each a shared word may mean ("dollars": any dollar)."""
    out: set[str] = set()
    for match in _CURRENCY_WORD.finditer(text):
        word = match.group(0).lower()
        code = SUFFIX_CURRENCIES.get(word) or word.upper()
        shared = next(
            (s for cur, (_, w, s) in SHARED_SYMBOLS.items() if cur == code and w and re.fullmatch(w, word)),
            None,
        )
        out |= shared or {code}
    return frozenset(out)


@dataclass(frozen=True)
class Figure:
    """A quantity found in a text; `value` is signed and in base units. A range ("3-4
    percent") is one figure from `value` to `high`."""

    start: int
    end: int
    text: str
    value: float
    unit: str | None
    qualifier: Qualifier
    respectively: tuple[int, int] | None = None  # (list number, position in the list)
    high: float | None = None
    # an amount's words say whether it is a change ("rose by $2 billion", "$2 billion more")
    # or a level ("to $270 billion"); None where they cannot (a percentage, a table cell)
    is_change: bool | None = None
    # "298.4 billion, 276.9 billion and 141.0 billion CFA francs": a bare amount's currency
    # is the list's last word, and may be any currency that word may be
    listed_symbol: frozenset[str] | None = None

    def in_currency(self, unit: str, home: str | None) -> str:
        """`unit`, typed from this figure, in the reporter's own currency when the figure's
        sign may mean it: a bare "$" in a New Zealand release is NZD, "$/t" NZD/t."""
        return home + unit[3:] if home is not None and home in (self.shared_symbol or ()) else unit

    @property
    def shared_symbol(self) -> frozenset[str] | None:
        """The currencies a bare "$" ("5.8 billion dollars"), "Rs" ("rupees"), "¥", "pesos"
        or "shillings" may mean: the writer's own, US (Indian, Chinese, Mexican, Kenyan) or
        not; "US$", "A$", "Canadian dollars", "₹", "yen" and "Colombian pesos" say which.
        None for a currency written unambiguously."""
        if self.unit is None:
            return None
        if self.listed_symbol is not None:
            return self.listed_symbol
        written = self.text.lstrip("-\u2212+ ").lower()
        for currency, (sign, word, shared) in SHARED_SYMBOLS.items():
            if self.unit.startswith(currency) and (
                (sign is not None and re.match(rf"{re.escape(sign)}[.\s]{{0,2}}\d", written) is not None)
                or (word is not None and re.search(rf"\d\s*(?:(?:{_SCALE_WORDS})\s+)?(?:{word})\b", written))
            ):
                return shared
        return None

    def describe(self) -> str:
        unit = f" {self.unit}" if self.unit else ""
        amount = f"{self.value:g}..{self.high:g}" if self.high is not None else f"{self.value:g}"
        return f"'{self.text}' = {amount}{unit} ({'range' if self.high is not None else self.qualifier})"


def physical_unit(written: str) -> str:
    """The unit of "tonnes", "cubic  metres" or "60-kg bags" (bags, whatever they weigh)."""
    return PHYSICAL_WORDS[re.sub(_WEIGHED, "", re.sub(r"\s+", " ", written)).lower()]


# a decimal comma, as continental offices write in English too: "4,6%", "EUR 34.512,3 million"
_DECIMAL_COMMA = re.compile(r"\d{1,3}(?:\.\d{3})+,\d+|\d+,\d{1,2}")


def parse_number(raw: str, scale: float = 1.0) -> float:
    """A decimal string times a scale word's factor, without binary rounding (33.77e9, not
    33770000000.000004)."""
    digits = re.sub(r"\s", "", raw)
    if _DECIMAL_COMMA.fullmatch(digits):
        digits = digits.replace(".", "").replace(",", ".")
    return float(Decimal(digits.replace(",", "")) * Decimal(int(scale)))


def _scaled(groups: dict[str, str], num: str, scale: str) -> float:
    return parse_number(groups[num], SCALES.get(groups.get(scale, "").lower(), 1.0))


def _qualifier(text: str, start: int) -> Qualifier:
    before = text[max(0, start - 30) : start]
    if _REVISED_UP.search(text, max(0, start - 60), start):
        return Qualifier.EXACT  # "revised July exports up to C$61.04 billion" is no bound
    for pattern, qualifier in (
        (_AT_LEAST, Qualifier.AT_LEAST),
        (_AT_MOST, Qualifier.AT_MOST),
        (_APPROX, Qualifier.APPROXIMATE),
    ):
        if pattern.search(before):
            return qualifier
    return Qualifier.EXACT


def _clause_before(text: str, start: int, width: int = 80) -> str:
    window = text[max(0, start - width) : start]
    breaks = list(_CLAUSE_BREAK.finditer(window))
    return window[breaks[-1].end() :] if breaks else window


def _words_after(text: str, start: int, end: int) -> int:
    """Where the words that sign a figure begin: past a restatement that follows it, and
    past the comma that closes one it is ("NOK 3.2 billion, or 2 percent, less than")."""
    if (restatement := _RESTATEMENT_AFTER.match(text, end)) is not None:
        return restatement.end()
    if text.startswith(",", end) and _RESTATED.search(text, max(0, start - 40), start):
        return end + 1
    return end


def _is_negative(text: str, start: int, end: int) -> bool:
    """A change is negative when the word after it ("5.8 percent fewer") or, failing
    that, the nearest cue verb of its clause says so; "or 1.1 percent" restates the
    change before it and takes that clause's sign."""
    if _written_minus(text, start):
        return True
    after = _words_after(text, start, end)
    if _AFTER_DOWN.match(text, after, min(len(text), after + 40)):
        return True
    if _AFTER_UP.match(text, after, min(len(text), after + 40)):
        return False
    before = text[max(0, start - 40) : start]
    if _LEVEL.search(before) or _SHARE_LEVEL.search(before):
        return False  # "fell to 12.3 percent", "fell 2.3% and accounted for 67.4%": a level, not a change
    if (restated := _RESTATED.search(before)) is not None:
        start = max(0, start - 40) + restated.start()
        if _A_LEVEL_BEFORE.search(text, max(0, start - 40), start):
            return False  # "fell 0.9% to EUR 31.22 billion, or 64.5% of the total": the level again
    cues = list(_SIGN_CUE.finditer(_clause_before(text, start)))
    return bool(cues) and bool(_DOWN_RE.match(cues[-1].group("cue")))


def _is_negative_amount(text: str, start: int, end: int) -> bool:
    """An amount is a change only when a cue stands right before it ("fell by $2 billion",
    "a decline of 300 tonnes") or a decline word right after it; any other amount in a
    clause with a verb ("fell 3 percent, to $5 billion") is a level."""
    if _written_minus(text, start):
        return True
    after = _words_after(text, start, end)
    if _AFTER_DOWN.match(text, after, min(len(text), after + 40)):
        return True
    before = text[max(0, start - 40) : start]
    if (restated := _RESTATED.search(before)) is not None:  # "fell 4.9 percent, or A$2.29 billion"
        return _is_negative(
            text, max(0, start - 40) + restated.start(), max(0, start - 40) + restated.start()
        )
    cue = _ADJACENT_CUE.search(before)
    return cue is not None and bool(_DOWN_RE.match(cue.group("cue")))


def _not_a_range(text: str, start: int, separator: str, kind: str) -> bool:
    """ "from 3 to 4 percent" moves between two levels, and "rose $2 billion to $60 billion"
    is a change and a level; "grow 30% to 38%" and "ranging from 1.2% to 9.0%" are ranges."""
    if separator.strip() != "to":
        return False  # "up from 0-1 per cent" is a range all the same
    before = text[max(0, start - 40) : start]
    if _NOT_A_RANGE.search(before) is not None:
        return True
    if kind != "percent_range" and _BY_BEFORE.search(before) is not None:
        return True  # "widening the deficit by $325 million to $12,726 million": a change, then a level
    return kind != "percent_range" and _ADJACENT_CUE.search(before) is not None


# "the trade deficit, the difference between exports and imports, rose": an aside names no subject
_APPOSITIVE = re.compile(r",\s(?:the\s(?:difference|gap)\sbetween|which|that)\s[^,;]{1,80},", re.IGNORECASE)


def _is_deficit(text: str, start: int, end: int) -> bool:
    """A currency amount that states (or changes) a deficit: the deficit is written right
    after it ("a $3.2 billion gap"), or it is the nearest subject before it in the
    sentence ("the deficit for July, originally reported at C$4.9 billion")."""
    if _DEFICIT_AFTER.match(text, end, min(len(text), end + 40)):
        return True
    if _SURPLUS_AFTER.match(text, end, min(len(text), end + 40)):
        return False  # "a deficit of $1.46 billion, offset by a $5.80 billion surplus"
    window = text[max(0, start - 150) : start]
    window = _APPOSITIVE.sub(" ", _SENTENCE_BREAK.split(window)[-1])
    subjects = _SUBJECT.findall(window)
    return bool(subjects) and _DEFICIT_WORD.match(subjects[-1]) is not None


def _currency(groups: dict[str, str]) -> str | None:
    for name in ("pre", "prep", "suf", "sufs"):
        if name in groups:
            raw = re.sub(r"\s+", " ", groups[name]).lower()
            table = PREFIX_CURRENCIES if name.startswith("pre") else SUFFIX_CURRENCIES
            return table.get(raw) or table.get(raw.rstrip(".")) or _LETTER_PREFIXES.get(raw) or raw.upper()
    return None


def _money_value(groups: dict[str, str]) -> float:
    if "nump" in groups:
        return _scaled(groups, "nump", "scalep")
    return _scaled(groups, "nums", "scales")


def _range(kind: str, groups: dict[str, str]) -> tuple[float, float, str | None]:
    """Both ends of a range; one scale word may serve both ("A$5-6 billion")."""
    if kind == "percent_range":
        low, high = groups.get("num") or groups["numx"], groups.get("num2") or groups["num2x"]
        return parse_number(low), parse_number(high), "percent"
    for low, low_scale, high, high_scale, currency in (
        ("num", "scalea", "num2", "scale", "pre"),
        ("numx", "scalex", "num2x", "scaley", "prex"),
        ("numb", "scaleb", "num2b", "scalec", "suf"),
    ):
        if low in groups:
            shared = {**groups, low_scale: groups.get(low_scale) or groups.get(high_scale, "")}
            unit: str | None
            if kind == "physical_range":
                unit = physical_unit(groups.get("phys") or groups["physx"])
            else:
                unit = _currency({"pre" if currency != "suf" else "suf": groups[currency]})
            return _scaled(shared, low, low_scale), _scaled(groups, high, high_scale), unit
    raise AssertionError(f"range without its numbers: {groups}")


def _count(text: str, start: int, end: int, raw: str) -> float | None:
    """A bare number, unless it is a date, a year, or part of a period ("first 10 months")."""
    before, after = text[max(0, start - 12) : start], text[end : end + 12]
    if _DATE_BEFORE.search(before) or _DATE_AFTER.match(after):
        return None
    if _PERIOD_COUNT.search(before) and _PERIOD_UNIT.match(after):
        return None
    if re.fullmatch(r"(19|20)\d\d", raw) or _YEAR_SPAN_BEFORE.search(before):
        return None  # a year, or the end of "2024/25"
    return parse_number(raw)


_YEAR_SPAN_BEFORE = re.compile(r"(?<!\d)(?:19|20)\d\d\s?[/\u2013-]\s?$")


def _streak(groups: dict[str, str]) -> tuple[float, str]:
    word = next(groups[k] for k in ("n", "n2", "o", "o2", "o3", "o4") if k in groups).lower()
    number = WORD_NUMBERS.get(word) or ORDINALS.get(word) or int(re.sub(r"\D", "", word))
    unit = next(
        groups[k] for k in ("unit", "unit2", "unit3", "unit4", "unit5", "unit6") if k in groups
    ).lower()
    unit = {"monthly": "month", "quarterly": "quarter", "annual": "year", "yearly": "year"}.get(unit, unit)
    return float(number), unit if unit.endswith("s") else f"{unit}s"


def _read(kind: str, match: re.Match[str], text: str) -> tuple[float, str | None, float | None] | None:
    """(value, unit, high) of a match, unsigned; None when the match is not a figure."""
    groups = {k: v for k, v in match.groupdict().items() if v is not None}
    if kind in ("money_range", "percent_range", "physical_range"):
        if _not_a_range(text, match.start(), groups.get("sep") or groups.get("sepb") or "", kind):
            return None
        low, high, unit = _range(kind, groups)
        if "per" in groups:
            unit = f"{unit}/{physical_unit(groups['per'])}"
        return (low, unit, high) if low < high else None
    if kind in ("money", "price"):
        currency = _currency(groups)
        unit = f"{currency}/{physical_unit(groups['per'])}" if kind == "price" else currency
        return _money_value(groups), unit, None
    if kind == "physical":
        if "mt" in groups:
            return parse_number(groups["num"], 1e6), "t", None
        if "bcm" in groups:  # billion cubic metres of gas
            return parse_number(groups["num"], 1e9), "m3", None
        if "phys" not in groups:
            return (_scaled(groups, "num", "scale"), None, None) if "scale" in groups else None
        return (
            _scaled(groups, "num", "scale"),
            physical_unit(groups["phys"]),
            None,
        )
    if kind in ("points", "percent"):
        return parse_number(groups["num"]), "percentage_point" if kind == "points" else "percent", None
    if kind == "rank_no":
        return parse_number(groups["num"]), "rank", None
    if kind == "rank_ordinal":
        word = next(
            groups[k] for k in ("ord", "ord2", "ord3", "ord4", "ord5", "ord6", "ord7", "ord8") if k in groups
        ).lower()
        return float(ORDINALS.get(word) or int(re.sub(r"\D", "", word))), "rank", None
    if kind == "streak":
        value, unit = _streak(groups)
        return value, unit, None
    count = _count(text, match.start(), match.end(), groups["num"])
    return None if count is None else (count, "count", None)


def _written_minus(text: str, start: int) -> bool:
    """ "-1.5 percent", "Spain (-3.9 bn)": a minus sign before the number, not a hyphen of a word."""
    return start > 0 and text[start - 1] in "-\u2212" and (start < 2 or not text[start - 2].isalnum())


def _signed_negative(unit: str | None, text: str, start: int, end: int) -> bool:
    if unit in ("percent", "percentage_point"):
        return _is_negative(text, start, end)
    return unit not in UNSIGNED_UNITS and _is_negative_amount(text, start, end)


def _make(kind: str, match: re.Match[str], text: str) -> Figure | None:
    read = _read(kind, match, text)
    if read is None:
        return None
    value, unit, high = read
    start, end = match.start(), match.end()
    while text[end - 1].isspace():  # "12 billion " read up to the word it looked ahead to
        end -= 1
    if kind == "rank_ordinal":
        group = next(
            k for k in ("ord", "ord2", "ord3", "ord4", "ord5", "ord6", "ord7", "ord8") if match.start(k) >= 0
        )
        start = match.start(group)
        if _NEXT_RANK.match(text, match.end(group)):
            end = match.end(group)  # "Spain's first and second markets": the list's first, the next its own
    if high is None and _signed_negative(unit, text, start, end):
        value = -value
    # "ahead of Spain (-3.9 bn)" in a sentence on deficits: a written sign is the figure's own
    if (
        (unit is None or is_currency(unit))
        and not _written_minus(text, start)
        and not _BALANCE_MOVE.search(text, max(0, start - 40), start)  # "an improvement of $1.4 billion"
        and _is_deficit(text, start, end)
    ):
        value, high = (-value, None) if high is None else (-high, -value)
    amount = unit not in ("percent", "percentage_point", *UNSIGNED_UNITS)
    changed = _is_change_amount(text, start, end) if amount else None
    return Figure(
        start, end, text[start:end], value, unit, _qualifier(text, start), high=high, is_change=changed
    )


_HEDGE = (
    r"(?:about|around|roughly|approximately|nearly|almost|some|just over|more than|over|a record|a further)"
)
_RESTATES_A_CHANGE = re.compile(
    rf"(?:%|percent|per cent|pct)\s*(?:,|\(|--|\u2014|\u2013)\s*or\s+(?:{_HEDGE}\s+)?$", re.I
)
# "exports reached $270.1 billion", "to $44.43 billion", "worth $52.6 billion": a level
_AT_LEVEL = re.compile(
    rf"\b(?:to|at|from|reached|reaching|totall?ed|totall?ing|amounted to|stood at|was|were|is|are|worth"
    rf"|valued at|hit|of)\s+(?:an?\s+(?:record\s+)?(?:high|low|total)\s+of\s+)?(?:{_HEDGE}\s+)?$",
    re.I,
)
_BRACKETED_AFTER = re.compile(r"\s*\([^)]{1,20}\)")


def _is_change_amount(text: str, start: int, end: int) -> bool | None:
    """True for an amount of change ("rose by $2 billion", "an increase of $2 billion", "$2
    billion more", "a $3.4 billion (2.2%) rise", "fell 4.9 percent, or A$2.29 billion"),
    False for a level ("to $270.1 billion", "were worth $52.6 billion"), None when its words
    say neither."""
    before = text[max(0, start - 40) : start]
    if _ADJACENT_CUE.search(before):
        return True
    if (restated := _RESTATES_A_CHANGE.search(before)) is not None:
        # "fell 4.9 percent, or A$2.29 billion" restates a change; "ranked third with 9.1
        # percent, or US$1.79 billion" restates a share, and the amount is a level
        return bool(_SIGN_CUE.search(_clause_before(text, max(0, start - 40) + restated.start())))
    after = _words_after(text, start, end)
    if (bracket := _BRACKETED_AFTER.match(text, after)) is not None:
        after = bracket.end()
    window = min(len(text), after + 40)
    if _AFTER_DOWN.match(text, after, window) or _AFTER_UP.match(text, after, window):
        return True
    return False if _AT_LEVEL.search(before) else None


def _mark_respectively(text: str, figures: list[Figure]) -> list[Figure]:
    """Number the runs of like figures that a following "respectively" distributes."""
    runs: list[range] = []
    i = len(figures) - 1
    while i >= 0:
        first = i
        if (respectively := _RESPECTIVELY.match(text, figures[i].end)) is not None:
            while (
                first > 0
                and figures[first - 1].unit == figures[i].unit
                and _LIST_GAP.match(text[figures[first - 1].end : figures[first].start])
            ):
                first -= 1
            if first < i:
                if (
                    levels := _levels_after(text, figures, i + 1, i + 1 - first, respectively.end())
                ) is not None:
                    runs.append(levels)
                runs.append(range(first, i + 1))
                if (ranks := _rank_run(text, figures, first, i + 1 - first)) is not None:
                    runs.append(ranks)
                    first = ranks.start
                elif (levels := _levels_before(text, figures, first, i + 1 - first)) is not None:
                    runs.append(levels)
                    first = levels.start
        i = first - 1
    marked = list(figures)
    for list_number, run in enumerate(reversed(runs)):
        for position, j in enumerate(run):
            figure = replace(marked[j], respectively=(list_number, position))
            if position and _shares_sign(text, marked[j - 1], figure):
                figure = replace(figure, value=-figure.value)
            marked[j] = figure
    return marked


_TO_LEVELS = re.compile(r",?\s*(?:to|at)\s+")


def _levels_after(text: str, figures: list[Figure], start: int, size: int, end: int) -> range | None:
    """ "grew 28.9% and 13.7%, respectively, to US$8.84 billion and US$11.37 billion": the
    levels the list moved to are distributed as well."""
    run = figures[start : start + size]
    to = _TO_LEVELS.match(text, end)
    if to is None or len(run) < size or run[0].start != to.end() or run[0].unit in ("percent", None):
        return None
    if any(f.unit != run[0].unit for f in run) or not all(
        _LIST_GAP.match(text[a.end : b.start]) for a, b in pairwise(run)
    ):
        return None
    return range(start, start + size)


_CHANGES_AFTER_LEVELS = re.compile(
    r",\s*(?:(?:up|down|rising|falling|growing|declining|an? (?:increase|rise|decline|drop|fall) of)\s+"
    r"(?:by\s+)?)?",
    re.IGNORECASE,
)


def _levels_before(text: str, figures: list[Figure], first: int, size: int) -> range | None:
    """ "stood at $21.14 billion and $18.21 billion, up 9.7 percent and 7.8 percent,
    respectively": the levels before the list of changes are distributed as well."""
    start = first - size
    if start < 0 or not _CHANGES_AFTER_LEVELS.fullmatch(text, figures[first - 1].end, figures[first].start):
        return None
    unit = figures[start].unit
    if unit in (None, figures[first].unit) or not _is_list_of(text, figures[start:first], unit):
        return None
    return range(start, first)


def _rank_run(text: str, figures: list[Figure], first: int, size: int) -> range | None:
    """ "Japan and Hong Kong ranked second and third, with shares of 14.6% and 13.2%,
    respectively": the ranks before the list are distributed as well."""
    start = first - size
    if start < 0 or "." in text[figures[first - 1].end : figures[first].start]:
        return None
    return range(start, first) if _is_list_of(text, figures[start:first], "rank") else None


def _is_list_of(text: str, run: list[Figure], unit: str | None) -> bool:
    """Figures of one unit written as a list ("second and third", "$21.1 billion and $18.2 billion")."""
    return all(f.unit == unit for f in run) and all(
        _LIST_GAP.match(text[a.end : b.start]) for a, b in pairwise(run)
    )


def _shares_sign(text: str, previous: Figure, figure: Figure) -> bool:
    """ "fell 3.1%, 2.4% and 1.2%, respectively": a list item with no verb or sign of its
    own falls with the item before it."""
    return (
        previous.value < 0 < figure.value
        and figure.unit not in UNSIGNED_UNITS
        and _SIGN_CUE.search(text, previous.end, figure.start) is None
        and "+" not in text[figure.start - 1 : figure.start + 1]  # "fell 3%, +2% and 1%": its own sign
    )


_TABLE_UNIT = re.compile(  # "(RM billion)", "(EUR billion)", "(billion yuan)", "(US$ million)"
    rf"\((?:in\s)?(?:(?P<pre>{_PREFIX})|(?P<iso>{_ISO})(?=\s))?\s?(?P<scale>{_SCALE_WORDS})?\s?(?P<suf>{_SUFFIX})?\)",
    re.IGNORECASE,
)
# a caption line that names the unit without brackets: "Unit: USD million", "US$ million"
_UNIT_ONLY_LINE = re.compile(
    rf"(?:units?:?\s*|in\s)?(?:(?P<pre>{_PREFIX})|(?P<iso>{_ISO}))\s?(?P<scale>{_SCALE_WORDS})(?P<suf>)",
    re.IGNORECASE,
)
_CELLS = re.compile(r"\S+(?: \S+)*")
_NUMERIC_CELL = re.compile(rf"^[-\u2212+]?(?:{_NUM_BODY})%?$|^\((?:{_NUM_BODY})%?\)$")  # "(2.3)": a minus


@dataclass(frozen=True)
class Cell:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Table:
    """A plain-text table as statistics offices print them: a caption line, a header row
    naming the columns, and rows of cells separated by two or more spaces. The unit is
    named in the caption ("(RM billion)") or in a column's name ("Value (US$ million)")."""

    caption: Cell
    header: tuple[Cell, ...]
    rows: tuple[tuple[Cell, ...], ...]
    currency: str | None
    scale: float
    symbols: frozenset[str] | None = None  # the currencies a caption's bare "$" may mean


def find_tables(text: str) -> list[Table]:
    found: list[Table] = []
    lines = text.split("\n")
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)
    used = 0  # the lines before this one that belong to a table found already
    for number, line in enumerate(lines[:-2]):
        if number < used:
            continue
        first = number + 2 if not lines[number + 1].strip() else number + 1  # one blank line may follow
        header = _table_cells(lines[first], offsets[first]) if first < len(lines) else ()
        units = [u for u in map(_TABLE_UNIT.search, [line, *(c.text for c in header)]) if u is not None]
        units += [u for u in [_UNIT_ONLY_LINE.fullmatch(line.strip())] if u is not None]
        unit = next((u for u in units if u.group("pre") or u.group("iso") or u.group("suf")), None)
        if unit is None or not header:
            continue
        rows: list[tuple[Cell, ...]] = []
        for row_number in range(first + 1, len(lines)):
            cells = _table_cells(lines[row_number], offsets[row_number])
            if (
                not rows
                and len(cells) == len(header) + 1
                and header[0].start - offsets[first] > len(cells[0].text)
            ):
                header = (Cell(offsets[first], offsets[first], ""), *header)  # the labels' column has no name
            if len(cells) != len(header) or sum(bool(_NUMERIC_CELL.match(c.text)) for c in cells) < min(
                2, len(header) - 1
            ):
                break
            rows.append(cells)
        used = first + 1 + len(rows)
        named = {"suf" if k == "iso" else k: v for k, v in unit.groupdict().items() if k != "scale" and v}
        currency = _currency(named)
        scale = SCALES.get((unit.group("scale") or "").lower(), 1.0)
        shared = SHARED_SYMBOLS.get(currency or "")
        symbols = shared[2] if shared and shared[0] == (unit.group("pre") or "").strip() else None
        caption = Cell(offsets[number], offsets[number] + len(line), line)
        alone = _TABLE_UNIT.fullmatch(line.strip()) or _UNIT_ONLY_LINE.fullmatch(line.strip())  # only a unit
        if alone and number > 0 and lines[number - 1].strip():
            # "Table 5.1 Exports by partner, 10 months of 2025" above "(USD million)": both caption it
            above = offsets[number - 1]
            caption = Cell(above, caption.end, text[above : caption.end])
        found.append(Table(caption, header, tuple(rows), currency, scale, symbols))
    return found


def _table_figures(text: str) -> list[Figure]:
    """Cells of plain-text tables; a column whose name says "%" holds percentages."""
    found: list[Figure] = []
    for table in find_tables(text):
        for cells in table.rows:
            for column, cell in zip(table.header, cells, strict=True):
                if not _NUMERIC_CELL.match(cell.text):
                    continue
                raw = cell.text
                percent = (
                    "%" in column.text or "percent" in column.text.lower() or raw.rstrip(")").endswith("%")
                )
                value = parse_number(raw.strip("%+-\u2212()"), 1.0 if percent else table.scale)
                value = -value if raw[0] in "-\u2212(" else value
                unit = "percent" if percent else table.currency
                symbols = None if percent else table.symbols
                found.append(
                    Figure(cell.start, cell.end, raw, value, unit, Qualifier.EXACT, listed_symbol=symbols)
                )
    return found


def _table_cells(line: str, offset: int) -> tuple[Cell, ...]:
    if "  " not in line:
        return ()
    cells = _CELLS.finditer(line.replace("\t", "  "))
    return tuple(Cell(offset + c.start(), offset + c.end(), c.group(0)) for c in cells if c.group(0).strip())


# what joins a number's digits without a space a reader sees: "28,4" with a decimal comma,
# "139 700" grouped by a thin or no-break space, "1\u200b2.5" with an invisible character
_JOINER = r"(?:,|[\u00a0\u2007\u2009\u202f\u200b\u200c\u200d\u2060\u00ad\ufeff]+)"
_JOINED_BEFORE = re.compile(rf"\d{_JOINER}\Z")
_JOINED_AFTER = re.compile(rf"{_JOINER}\d")
_GROUP_BEFORE = re.compile(r"(?<![\d,.])\d{1,3} \Z")  # "139 " of "139 700"
_GROUP = re.compile(r"\d{3}(?![\d,])")  # "700" of "139 700"
_GROUP_HEAD = re.compile(r"(?<![\d,.])\d{1,3}\Z")  # a match ending "139" of "139 700"


def _cuts_a_number(text: str, start: int, end: int) -> bool:
    """Whether a match holds only the head or the tail of a number the patterns do not
    read whole ("4 billion" or "US$ 28" of "US$ 28,4 billion", "700 million" of "139 700
    million"): a figure made of a part would be exact and wrong, so neither part is read."""
    if start > 0 and text[start].isdigit():
        before = text[max(0, start - 8) : start]
        if _JOINED_BEFORE.search(before) or (_GROUP_BEFORE.search(before) and _GROUP.match(text, start)):
            return True
    if text[end - 1].isdigit():
        if _JOINED_AFTER.match(text, end):
            return True
        grouped_after = text.startswith(" ", end) and _GROUP.match(text, end + 1) is not None
        return grouped_after and _GROUP_HEAD.search(text[max(0, start - 1) : end]) is not None
    return False


def find_figures(text: str) -> list[Figure]:
    """Every figure in `text`, in order of position, spans never overlapping."""
    claimed = bytearray(len(text))
    found: list[Figure] = _table_figures(text)
    for cell in found:
        claimed[cell.start : cell.end] = b"\x01" * (cell.end - cell.start)
    for kind, pattern in PATTERNS:
        needed = NEEDED_WORDS.get(kind)
        if needed is not None and needed.search(text) is None:
            continue  # the word every match of this pattern holds is nowhere in the text
        for match in pattern.finditer(text):
            if any(claimed[match.start() : match.end()]) or _cuts_a_number(text, match.start(), match.end()):
                continue
            figure = _make(kind, match, text)
            if figure is not None:
                claimed[match.start() : figure.end] = b"\x01" * (figure.end - match.start())
                found.append(figure)
    found += _listed_ranks(text, found, claimed)
    found.sort(key=lambda f: f.start)
    found = _compared_prices(
        text, _restated_amounts(text, _shared_percents(text, _shared_unit_words(text, found)))
    )
    return _mark_respectively(text, _bracketed_qualifiers(text, found))


_NEXT_RANK = re.compile(
    rf"(?:,\s(?:and\s)?|\s(?:and|or)\s)(?P<ord>{_alternatives(ORDINALS)})\b"
    rf"(?!{_DASH}(?:largest|biggest)|\s(?:quarter|half|month|year|week|day|time)\b)",
    re.I,
)


# "ranking third among provincial-level regions by total trade and second by exports"
_RANKED_AGAIN = re.compile(
    rf"[^.;:]{{1,80}}?\sand\s(?P<ord>{_alternatives(ORDINALS)})\s(?=(?:by|in|for|among)\s)", re.I
)


def _listed_ranks(text: str, found: list[Figure], claimed: bytearray) -> list[Figure]:
    """ "Japan and Hong Kong ranked second and third": each ordinal of the list is a rank,
    as is one ranking the same again by another measure ("... and second by exports")."""
    more = []
    for figure in found:
        if figure.unit != "rank" or figure.text.lower().split("-")[0] not in ORDINALS:
            continue
        again = _RANKED_AGAIN.match(text, figure.end)
        if again is not None and not any(claimed[again.start("ord") : again.end("ord")]):
            word = again.group("ord")
            more.append(
                Figure(
                    again.start("ord"),
                    again.end("ord"),
                    word,
                    float(ORDINALS[word.lower()]),
                    "rank",
                    Qualifier.EXACT,
                )
            )
        if figure.text.lower() not in ORDINALS:
            continue
        end = figure.end
        while (listed := _NEXT_RANK.match(text, end)) is not None and not any(
            claimed[listed.start("ord") : listed.end()]
        ):
            word = listed.group("ord")
            more.append(
                Figure(
                    listed.start("ord"),
                    listed.end(),
                    word,
                    float(ORDINALS[word.lower()]),
                    "rank",
                    Qualifier.EXACT,
                )
            )
            end = listed.end()
    return more


_BEFORE_LIKE = re.compile(r"(?:,\s(?:and\s)?|\s(?:and|or|to)\s)")


def _shared_unit_words(text: str, figures: list[Figure]) -> list[Figure]:
    """ "9.2 billion and 12.4 billion pesos", "from 9.2 billion to 12.4 billion pesos",
    "1.62 million, 1.41 million and 385,000 tonnes": the currency or measure written after
    the last amount is every amount's."""
    out = list(figures)
    for i in range(len(out) - 2, -1, -1):
        figure, after = out[i], out[i + 1]
        if (
            figure.unit is None
            and figure.value >= 1e3
            and after.unit is not None
            and (is_currency(after.unit) or after.unit in PHYSICAL_WORDS.values())
            and after.text[-1:].isalpha()
            and _BEFORE_LIKE.fullmatch(text, figure.end, after.start)
        ):  # "pesos" may be any peso: so may the bare amount before it
            out[i] = replace(figure, unit=after.unit, listed_symbol=after.shared_symbol)
    return out


# a number written with no unit of its own: "5.3" of "5.3 and 8.1 percent" (no year: "2024")
_BARE_NUMBER = re.compile(r"(?!(?:19|20)\d\d\Z)\d[\d,]*(?:\.\d+)?")


def _shared_percents(text: str, figures: list[Figure]) -> list[Figure]:
    """ "fell by 5.3 and 8.1 percent", "grew 4, 6 and 2 per cent", "from 5 to 7 points":
    a bare number listed before a percentage (or points) is one too."""
    out = list(figures)
    for i in range(len(out) - 2, -1, -1):
        figure, after = out[i], out[i + 1]
        if (
            after.unit in ("percent", "percentage_point")
            and after.high is None
            and _BARE_NUMBER.fullmatch(figure.text)
            and _BEFORE_LIKE.fullmatch(text, figure.end, after.start)
        ):
            out[i] = replace(figure, unit=after.unit, is_change=after.is_change)
    return out


def _amend_pairs(figures: list[Figure], amend: Callable[[Figure, Figure], Figure | None]) -> list[Figure]:
    """Each figure as what the one before it (already amended) makes of it, left to right;
    `amend` gives None to leave a figure as it is."""
    out = list(figures)
    for i in range(1, len(out)):
        if (amended := amend(out[i - 1], out[i])) is not None:
            out[i] = amended
    return out


def _bracketed_qualifiers(text: str, figures: list[Figure]) -> list[Figure]:
    """ "more than 1.73 trillion dirhams ($471 billion)": a conversion in brackets is as
    approximate as the amount it converts."""

    def converted(before: Figure, figure: Figure) -> Figure | None:
        if (
            figure.qualifier == Qualifier.EXACT
            and before.qualifier != Qualifier.EXACT
            and before.unit is not None
            and figure.unit is not None
            and is_currency(before.unit)
            and is_currency(figure.unit)
            and _OPENS_BRACKET.fullmatch(text, before.end, figure.start)
        ):
            return replace(figure, qualifier=before.qualifier)
        return None

    return _amend_pairs(figures, converted)


# "to $2.82 billion in October, or Rs 793.3 billion": the amount after "or" restates the one before
_RESTATES = re.compile(r"[^.;,\d]{0,40},\s+or\s+(?:about\s|nearly\s|some\s|roughly\s)?")


def _is_amount(unit: str | None) -> bool:
    return unit is not None and unit not in ("percent", "percentage_point", *UNSIGNED_UNITS)


def _restated_amounts(text: str, figures: list[Figure]) -> list[Figure]:
    """An amount restating the amount before it, in another currency or another measure,
    is what that one is, a level or a change, with its sign: "fell 3% to $2.82 billion, or
    Rs 793.3 billion" and "fell 11.8% to $398 million, or 33,500 tonnes" restate the
    level, not the fall."""

    def restated(before: Figure, figure: Figure) -> Figure | None:
        if (
            _is_amount(before.unit)
            and _is_amount(figure.unit)
            and before.high is None
            and figure.high is None
            and not _written_minus(text, figure.start)
            and _RESTATES.fullmatch(text, before.end, figure.start)
        ):
            value = abs(figure.value) if before.value >= 0 else -abs(figure.value)
            return replace(figure, value=value, is_change=before.is_change)
        return None

    return _amend_pairs(figures, restated)


# the period a price or its base is of, written between them: "$4.10 per kg in October,
# up from $3.55 in September and $2.98 a year earlier"
_OF_PERIOD = (
    r"(?:\s(?:in|during|for)\s(?:the\s)?(?:[A-Z][a-z]+|(?:first|second|third|fourth)\s(?:quarter|half))"
    r"(?:\s\d{4})?|\s(?:a|one)\s(?:year|month|quarter)\s(?:earlier|before|ago))?"
)
# "$65.20 per barrel, compared with $72.45 a year earlier": the base is a price too
_COMPARED_WITH = re.compile(
    rf"{_OF_PERIOD},?\s(?:(?:as\s)?compared\s(?:with|to)|against|versus|vs\.?|(?:up\s|down\s)?from)\s"
    r"(?:an?\s(?:average\s)?(?:of\s)?|the\s)?",
    re.IGNORECASE,
)
# "... up from $3.55 in September and $2.98 a year earlier": a second base listed after the first
_LISTED_BASE = re.compile(rf"{_OF_PERIOD},?\s(?:and|or)\s", re.IGNORECASE)
_BASE_BEFORE = re.compile(
    r"\b(?:compared\s(?:with|to)|against|versus|vs\.?|from)\s(?:an?\s(?:average\s)?(?:of\s)?|the\s)?\Z",
    re.IGNORECASE,
)


_SCALE_WORD = re.compile(
    r"\d\s?(?:thousand|million|billion|trillion|crore|lakh|bn|mn|mln|m|k)\b", re.IGNORECASE
)


def _compared_prices(text: str, figures: list[Figure]) -> list[Figure]:
    """A bare amount a price is compared with is a price in the same unit."""

    def compared(before: Figure, figure: Figure) -> Figure | None:
        if (
            before.unit is not None
            and "/" in before.unit
            and figure.unit == before.unit.split("/")[0]
            and _SCALE_WORD.search(figure.text) is None  # "$72.45" or "28.3 dinars", not "$2 billion"
            and (
                _COMPARED_WITH.fullmatch(text, before.end, figure.start)
                or (
                    _LISTED_BASE.fullmatch(text, before.end, figure.start)
                    and _BASE_BEFORE.search(text[max(0, before.start - 40) : before.start]) is not None
                )
            )
        ):
            return replace(figure, unit=before.unit, is_change=False)
        return None

    return _amend_pairs(figures, compared)


_OPENS_BRACKET = re.compile(r"\s?\(\s?(?:about\s|around\s|roughly\s)?")
