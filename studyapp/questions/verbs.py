"""English past-tense verbs: recognise them and give their base form, without a language model."""

from __future__ import annotations

import re

# Irregular past forms seen in history and news writing (past -> base).
# fmt: off
IRREGULAR = {
    "arose": "arise", "awoke": "awake", "became": "become", "began": "begin", "bent": "bend",
    "bore": "bear", "bought": "buy", "broke": "break", "brought": "bring", "built": "build",
    "came": "come", "caught": "catch", "chose": "choose", "dealt": "deal", "dug": "dig",
    "drew": "draw", "drove": "drive", "ate": "eat", "fell": "fall", "felt": "feel", "fought":
    "fight", "found": "find", "fled": "flee", "flew": "fly", "forbade": "forbid", "forgot":
    "forget", "forgave": "forgive", "froze": "freeze", "gave": "give", "got": "get", "went":
    "go", "grew": "grow", "hung": "hang", "heard": "hear", "hid": "hide", "held": "hold",
    "kept": "keep", "knew": "know", "laid": "lay", "led": "lead", "left": "leave", "lent":
    "lend", "lost": "lose", "made": "make", "meant": "mean", "met": "meet", "overcame":
    "overcome", "overran": "overrun", "overthrew": "overthrow", "overtook": "overtake", "paid":
    "pay", "rode": "ride", "rose": "rise", "ran": "run", "said": "say", "saw": "see", "sought":
    "seek", "sold": "sell", "sent": "send", "shook": "shake", "shot": "shoot", "showed":
    "show", "sang": "sing", "sank": "sink", "sat": "sit", "slew": "slay", "slept": "sleep",
    "spoke": "speak", "spent": "spend", "split": "split", "spread": "spread", "stood": "stand",
    "stole": "steal", "struck": "strike", "strove": "strive", "swore": "swear", "swept":
    "sweep", "took": "take", "taught": "teach", "told": "tell", "thought": "think", "threw":
    "throw", "understood": "understand", "undertook": "undertake", "upheld": "uphold",
    "withdrew": "withdraw", "won": "win", "wrote": "write", "woke": "wake", "wore": "wear",
    "wove": "weave", "forsook": "forsake", "foresaw": "foresee", "undid": "undo", "did": "do",
    "had": "have", "set": "set", "put": "put", "cut": "cut", "hit": "hit", "let": "let",
    "quit": "quit", "beat": "beat", "cast": "cast", "shut": "shut", "bid": "bid", "hurt":
    "hurt", "read": "read", "rebuilt": "rebuild", "reset": "reset", "upset": "upset",
    "outlawed": "outlaw", "blew": "blow", "bled": "bleed", "crept": "creep",
    "dwelt": "dwell", "knelt": "kneel", "sped": "speed", "spun": "spin",
    "sprang": "spring", "stuck": "stick", "stung": "sting", "strode": "stride", "swam": "swim",
    "swung": "swing", "tore": "tear", "trod": "tread", "wept": "weep",
    "wrung": "wring", "mistook": "mistake", "overheard": "overhear", "oversaw": "oversee",
    "withheld": "withhold", "withstood": "withstand", "foretold": "foretell", "retook": "retake",
    "beheld": "behold", "forswore": "forswear",
}
# fmt: on
# Words ending in -ed that are not past forms, or whose base form the rules below get wrong.
# fmt: off
NOT_PAST = {
    "need", "proceed", "succeed", "exceed", "indeed", "speed", "feed", "seed", "breed",
    "bleed", "greed", "creed", "steed", "weed", "heed", "reed", "deed", "red", "bed", "shed",
    "bred", "fed", "led", "wed", "sled", "hundred", "kindred", "naked", "sacred", "wicked",
    "wretched", "rugged", "ragged", "beloved", "learned", "aged", "alleged", "so-called",
    "armed", "united", "limited", "advanced", "detailed", "skilled", "organized", "organised",
    "unprecedented", "supposed", "related", "based", "concerned", "interested", "experienced",
    "qualified", "renewed", "noted", "respected", "elected", "appointed", "unarmed", "wounded",
    "retired", "mixed", "combined", "restricted", "disputed", "occupied", "estimated",
}
# fmt: on
# fmt: off
BASE_EXCEPTIONS = {
    "added": "add", "created": "create", "recreated": "recreate", "visited": "visit",
    "limited": "limit", "edited": "edit", "exhibited": "exhibit", "credited": "credit",
    "profited": "profit", "benefited": "benefit", "inherited": "inherit", "deposited":
    "deposit", "developed": "develop", "enveloped": "envelop", "galloped": "gallop",
    "persuaded": "persuade", "guided": "guide", "targeted": "target", "budgeted": "budget",
    "marketed": "market", "interpreted": "interpret", "honored": "honor", "sponsored":
    "sponsor", "monitored": "monitor", "colored": "color", "favored": "favor", "labored":
    "labor", "censored": "censor", "anchored": "anchor", "authored": "author", "tailored":
    "tailor", "mirrored": "mirror", "interfered": "interfere", "adhered": "adhere",
    "persevered": "persevere", "revered": "revere", "focused": "focus", "quelled": "quell",
    "shelled": "shell", "fuelled": "fuel", "postponed": "postpone", "condoned": "condone",
    "dethroned": "dethrone", "phoned": "phone", "zoned": "zone", "cloned": "clone", "wasted":
    "waste", "tasted": "taste", "pasted": "paste", "died": "die", "lied": "lie", "tied": "tie",
    "bathed": "bathe", "breathed": "breathe", "clothed": "clothe", "loathed": "loathe",
    "biased": "bias", "welcomed": "welcome", "installed": "install", "called": "call",
    "recalled": "recall", "stalled": "stall", "rolled": "roll", "polled": "poll", "enrolled":
    "enroll", "spelled": "spell", "smelled": "smell", "swelled": "swell", "yelled": "yell",
    "crossed": "cross",
}
# fmt: on
IT_E = {"unit", "invit", "ignit", "incit", "cit", "recit", "excit", "expedit"}
# fmt: off
DOUBLE_LL = {
    "controll", "patroll", "compell", "expell", "propell", "repell", "rebell", "excell",
    "travell", "labell", "modell", "cancell", "signall", "totall", "quarrell", "marshall",
}
# fmt: on
VOWELS = set("aeiou")
WORD = re.compile(r"[A-Za-z][A-Za-z-]*")


def is_past(word: str) -> bool:
    """True when ``word`` (lower case) looks like a simple past-tense verb."""
    if word in IRREGULAR:
        return True
    return word.endswith("ed") and len(word) > 4 and word not in NOT_PAST


def _needs_e(stem: str) -> bool:
    """Whether a regular -ed stem drops an 'e' (decid -> decide), by its ending."""
    last = stem[-1]
    before = stem[-2] if len(stem) > 1 else ""
    vowel_pair = before in VOWELS and len(stem) > 2 and stem[-3] in VOWELS
    if last in "cvz" or stem.endswith(("dg", "rs", "ns", "ps", "cr")):
        return True
    if last == "l" and before in "bcdfgkptz":
        return True  # assembl -> assemble, settl -> settle
    if last == "t" and before == "a":
        return not stem.endswith(("eat", "oat"))  # graduat -> graduate, defeat stays
    if last == "s":
        return not stem.endswith("ss") and before in VOWELS
    if last == "g":  # a single g after a vowel kept its e (besiege, oblige); begged doubles
        return before in VOWELS or stem.endswith(("ang", "ing", "eng", "ung", "arg", "erg", "urg"))
    if before not in VOWELS or vowel_pair:
        return False
    if last == "t":
        if before == "i":
            return stem in IT_E or any(stem.endswith(x) for x in IT_E if len(x) > 3)
        return before in "aeuo"
    if last == "n":
        return before in "iu"
    if last == "r":
        return before in "aiou"
    return last in "dkpmbl" and before in "aiou"


# Irregular past participles (participle -> base), for "had become" -> "did … become".
# fmt: off
PARTICIPLES = {
    "become": "become", "been": "be", "begun": "begin", "broken": "break", "chosen": "choose",
    "done": "do", "driven": "drive", "eaten": "eat", "fallen": "fall", "flown": "fly",
    "forbidden": "forbid", "forgiven": "forgive", "forgotten": "forget", "frozen": "freeze",
    "given": "give", "gone": "go", "grown": "grow", "hidden": "hide", "known": "know",
    "overthrown": "overthrow", "ridden": "ride", "risen": "rise", "run": "run", "seen": "see",
    "shaken": "shake", "shown": "show", "slain": "slay", "spoken": "speak", "stolen": "steal",
    "sworn": "swear", "taken": "take", "thrown": "throw", "undertaken": "undertake",
    "withdrawn": "withdraw", "woken": "wake", "won": "win", "worn": "wear", "written": "write",
    "arisen": "arise", "borne": "bear", "born": "bear", "drawn": "draw", "fought": "fight",
    "overrun": "overrun", "mistaken": "mistake", "beaten": "beat", "blown": "blow", "torn": "tear",
    "sprung": "spring", "bitten": "bite", "retaken": "retake", "overtaken": "overtake",
    "forsaken": "forsake", "stricken": "strike", "striven": "strive", "foreseen": "foresee",
}
# fmt: on


def base_form(word: str) -> str:
    """The base form of a past-tense verb or participle ("conquered" -> "conquer", "took" ->
    "take", "become" -> "become")."""
    lower = word.lower()
    if lower in PARTICIPLES:
        return PARTICIPLES[lower]
    if lower in IRREGULAR:
        return IRREGULAR[lower]
    if lower in BASE_EXCEPTIONS:
        return BASE_EXCEPTIONS[lower]
    if not lower.endswith("ed") or len(lower) < 4:  # "ed", "[ed.]": no verb to take apart
        return lower
    if lower.endswith("ied"):
        return lower[:-3] + "y" if len(lower) > 4 else lower[:-1]
    if lower.endswith(("eed", "ued")):
        return lower[:-1]
    if lower.endswith("oed"):
        return lower[:-2]
    stem = lower[:-2]
    if stem.endswith("ll"):
        return stem[:-1] if stem in DOUBLE_LL else stem
    if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] in "bdgmnprtz":
        return stem[:-1]
    return stem + "e" if _needs_e(stem) else stem


_PAST_OF = {base: past for past, base in IRREGULAR.items()}


def past_form(base: str) -> str:
    """The simple past of a base form ("end" → "ended", "take" → "took", "carry" →
    "carried", "stop" → "stopped")."""
    lower = base.lower()
    if lower in _PAST_OF:
        return _PAST_OF[lower]
    if lower.endswith("e"):
        return lower + "d"
    if lower.endswith("y") and len(lower) > 2 and lower[-2] not in VOWELS:
        return lower[:-1] + "ied"
    one_vowel = sum(letter in VOWELS for letter in lower) == 1
    if one_vowel and len(lower) >= 3 and lower[-1] in "bdgmnprt" and lower[-2] in VOWELS:
        return lower + lower[-1] + "ed"  # one syllable ending consonant-vowel-consonant
    return lower + "ed"


_PRESENT_IRREGULAR = {"has": "have", "does": "do", "goes": "go", "is": "be"}


def present_base(word: str) -> str:
    """The base form of a present-tense verb ("becomes" → "become", "carries" → "carry")."""
    lower = word.lower()
    if lower in _PRESENT_IRREGULAR:
        return _PRESENT_IRREGULAR[lower]
    if lower.endswith("ies") and len(lower) > 4:
        return lower[:-3] + "y"
    if lower.endswith(("sses", "shes", "ches", "xes", "zzes", "oes")):
        return lower[:-2]  # "seizes" → "seize" below, "buzzes" → "buzz" here
    if lower.endswith("s") and not lower.endswith("ss"):
        return lower[:-1]
    return lower
