"""The trigger lexicon and the patterns every claim stage shares.

Each row of ``_TRIGGERS``: (regex over the sentence, kind, frame). Frames say where the
place and the actor stand relative to the trigger (see ``mapper.claims``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..actors import ActorMention
from ..model import Mention

KM_PER_UNIT = {"mi": 1.609344, "km": 1.0, "m": 0.001}


_B = r"\b"


_ADV = r"(?:\s+(?:\w+ly|also|then|now|since|later|quickly|again|back|fully|largely|once|still))?"


def _v(forms: str) -> str:
    return _B + "(?:" + forms + ")" + _B


# (starting at a word's start: a pattern that opens with it is not tried inside every word)
_ACTOR_WORDS = r"(?<![\w'’.-])[\w'’.-]+(?:\s+[\w'’.-]+){0,2}?(?:\s+\([A-Z][\w.-]{0,10}\))?"


# fmt: off
_TRIGGERS: list[tuple[str, str, str]] = [
    # "an offensive to retake Tal Afar": the fighting is the fact; the retaking is only aimed at.
    (_v(r"(?:battle|fight|struggle|offensive|counter-?offensive|campaign|operation|push|drive|assault|attack|bid|counter-?attack)s?(?:\s+(?:on|late\s+on|early\s+on|this|last|at|overnight)(?:\s+\w+)?)?\s+to\s+(?:retake|recapture|liberate|free|reclaim|clear|regain|take\s+back|win\s+back)"), "contested", "contest"),
    # A clause that names no place, about the town the sentence before named: "The militants
    # were driven out on Sunday.", "Then they withdrew.", "Fighting raged for three days."
    (r"\b(?:(?:was|were|been)\s+(?:\w+ly\s+)?(?:driven|pushed|forced|chased|kicked|flushed)\s+out|withdrew|pulled\s+out|retreated|fled|pulled\s+back)\b(?!\s+(?:of|from|to|toward|towards|into|in|across|behind|north|south|east|west)\b)", "lost", "placeless"),
    (r"\b(?:fighting|clashes|battles|street\s+battles|gunbattles|heavy\s+fighting)\s+(?:has\s+|had\s+|have\s+)?(?:raged|continued|went\s+on|erupted|broke\s+out|flared)\b(?!\s+(?:in|near|around|at|inside|outside|on|across|between|along|for\s+(?:control|the|[A-Z]))\b)", "contested", "placeless"),
    # "Militants were poised to attack Haditha", "poised to enter Sinjar": the threat is the
    # fact (ahead of the capture verbs, which would read it as a hypothesis). "Preparing to
    # storm" stays an intention.
    (_v(r"poised\s+to\s+(?:attack|storm|take|enter|seize|capture|overrun|strike|advance\s+on|march\s+on|move\s+on|move\s+into|push\s+into|assault|retake|recapture|liberate)"), "threatened", "active"),
    # --- holds: state phrases ("in the hands of", "under ISIS control", "ISIS-held")
    # "Hasakah is divided between the regime and the YPG": each side holds part of it.
    (r"\b(?:divided|split|carved\s+up|partitioned|shared)\s+(?:\w+\s+)?between\b", "holds", "state_right"),
    (r"\bin\s+the\s+hands\s+of\b", "holds", "state_right"),
    (r"\bin\s+the\s+(?:grip|clutches|grasp)\s+of\b", "holds", "state_right"),
    (r"\bin\s+(?:the\s+)?(?P<actor_in>" + _ACTOR_WORDS + r")['’]s?\s+(?:grip|clutches|grasp)\b", "holds", "state"),
    # "Tikrit slipped from the army's grasp"
    (r"\b(?:slipped|slips|slip|slipping)\s+(?:out\s+of|from)\s+(?:the\s+)?(?P<actor_in>" + _ACTOR_WORDS + r")['’]s?\s+(?:grasp|grip|hands)\b", "lost", "state"),
    # "Mosul slipped out of government control"
    (r"\b(?:slipped|slips|slip|slipping|fell|falls|passed|passes)\s+out\s+of\s+(?:the\s+)?(?P<actor_in>" + _ACTOR_WORDS + r")(?:['’]s)?\s+control\b", "lost", "state"),
    (r"\b(?:came|come|comes|coming|fell|fallen|falls|falling)\s+under\s+the\s+control\s+of\b", "captured", "state_right"),
    # "The whole of Kirkuk has fallen into our hands", "fell into militant hands"
    (r"\b(?:came|come|comes|coming|fell|fallen|falls|falling|passed|passes)\s+into\s+(?:the\s+)?(?P<actor_in>[\w'’.-]+(?:\s+[\w'’.-]+)?)\s+hands\b", "captured", "state"),
    (r"\bunder\s+the\s+(?:full\s+|complete\s+|total\s+|firm\s+|effective\s+|nominal\s+)?control\s+of\b", "holds", "state_right"),
    (r"\b(?:remain|remains|remained|stay|stays|stayed)\s+(?:firmly\s+|safely\s+)?(?:with|in\s+the\s+hands\s+of)\b", "holds", "state_right"),
    (r"\bin\s+(?:the\s+)?(?P<actor_in>[\w'’.-]+(?:\s+[\w'’.-]+)?)\s+hands\b", "holds", "state"),
    (r"\b(?:came|come|comes|coming|fell|fallen|falls|falling)\s+under\s+(?:the\s+)?(?P<actor_in>" + _ACTOR_WORDS + r")\s+control\b", "captured", "state"),
    # "ISIS extended its control to Rutba"
    (_v(r"(?:extended|extends|extending|extend|expanded|expands|expanding|expand|spread|spreads|spreading)\s+(?:its|their)\s+(?:control|grip|rule|hold|reach)\s+(?:to|over|into)"), "captured", "active"),
    # "Jurf al-Sakhar returned to government control in October"
    (r"\b(?:returned|returns|return|restored|reverted|passed|passes)\s+(?:back\s+)?to\s+(?:the\s+)?(?P<actor_in>" + _ACTOR_WORDS + r")\s+control\b", "captured", "state"),
    (r"\boutside\s+(?:the\s+)?(?P<actor_in>" + _ACTOR_WORDS + r")\s+control\b", "holds", "state_neg"),
    (r"\bunder\s+(?:the\s+)?(?P<actor_in>" + _ACTOR_WORDS + r")\s+control\b", "holds", "state"),
    # "Mosul has been under the militants' rule since 2014", "under Kurdish administration"
    (r"\bunder\s+(?:the\s+)?(?P<actor_in>" + _ACTOR_WORDS + r")\s+(?:rule|occupation|administration)\b", "holds", "state"),
    # "Tal Afar, one of the last strongholds of the Islamic State": the holder comes after.
    (r"\b(?:stronghold|strongholds|bastion|bastions|redoubt|redoubts|bases?|enclaves?)\s+(?:held\s+by|of)\s+(?=(?:the\s+)?[\w'’.-]+)", "holds", "stronghold_of"),
    (r"\b(?:an?|the|its|their)\s+(?P<actor_in>" + _ACTOR_WORDS + r")\s+(?:stronghold|bastion)s?\b(?:\s+of)?", "holds", "stronghold"),
    (r"(?P<actor_in>\b" + _ACTOR_WORDS + r")['’]s?\s+(?:(?:main|last|key|chief|remaining|final)\s+)?(?:stronghold|bastion|hub)s?\b", "holds", "stronghold"),
    # "Raqqa, the group's self-declared capital", "the de facto capital of the caliphate"
    (r"\b(?:de\s+facto|self-declared|self-styled|self-proclaimed)\s+capital\s+of\s+(?=(?:the\s+)?[\w'’.-]+)", "holds", "stronghold_of"),
    (r"(?:\b(?:an?|the|its|their)\s+)?(?P<actor_in>" + _ACTOR_WORDS + r")['’]s?\s+(?:(?:de\s+facto|self-declared|self-styled|self-proclaimed|main|last|key|chief)\s+)?(?:capital|headquarters)\b(?!\s+of)", "holds", "stronghold"),
    (r"(?P<actor_in>\b[\w.'’]+(?:[\s/-][\w.'’]+)?(?:/[\w.'’]+)?)-(?:held|controlled|occupied|run)\b", "holds", "adjective"),
    (r"\bno\s+(?P<actor_in>" + _ACTOR_WORDS + r")\s+(?:remain|remained|remains|are\s+left|were\s+left|is\s+left|are\s+present|were\s+present|left)\s+(?:in|inside)\b", "holds", "state_none"),
    # --- captured: "declared X liberated", "declared victory in X"
    (r"\b(?:declared|announced|pronounced|proclaimed|declares|announces|proclaims|declaring|announcing)\s+(?P<obj>(?:(?!,\s+and\b|\b(?:free|freed|liberated|cleared|declared)\b)[^.;]){1,60}?)\s+(?:(?:fully|completely|totally|officially)\s+)?(?:liberated|freed|free\s+of|retaken|recaptured|cleared|(?:back\s+)?under\s+(?:\w+\s+){0,2}?control)\b", "captured", "declared"),
    (r"\b(?:declared|announced|proclaimed)\s+(?:final\s+|full\s+|total\s+)?victory\b(?:\s+over\s+[^.;,]{1,40}?)?\s+in\b", "captured", "active"),
    # --- captured: multiword first
    (_v(r"(?:gain|gained|gaining|gains|seize|seized|seizing|seizes|take|took|taken|taking|takes|wrest|wrested|wresting|assume|assumed|regain|regained|regaining|establish|established|retake|retook|retaken|retaking)\s+(?:full\s+|total\s+|complete\s+|effective\s+)?control\s+(?:of|over)"), "captured", "active"),
    (_v(r"(?:raised|raise|raising|hoisted|hoist|planted)\s+(?:the|their|its|a)\s+(?:[\w-]+\s+){0,2}?flags?\s+(?:over|above|on|in|at)"), "captured", "active"),
    # "the militants' black flags flew over Garma": the flag's owner holds the place.
    (r"\b(?:flags?|banners?)\s+(?:\w+\s+){0,2}?(?:flew|flies|fly|flying|fluttered|flutters|waved|waves|hung|hangs)\s+(?:over|above|from|in)\b", "holds", "flag"),

    (_v(r"(?:take|took|taken|taking|takes)\s+(?:hold\s+of|over)|(?:took|take|taken|taking|takes|won|win|wins|winning)\s+back"), "captured", "active"),
    (_v(r"(?:swept|sweep|sweeping|sweeps|stormed|poured|pour|rolled|roll)\s+(?:into|through)"), "captured", "active"),
    (_v(r"(?:drove|drive|driven|driving|drives|pushed|push|chased|kicked|forced|flushed|cleared|expelled|expel|expels|expelling|ousted|oust|evicted|ejected|routed)\s+(?:the\s+)?(?P<loser>" + _ACTOR_WORDS + r")\s+(?:out\s+of|from|off|away\s+from)"), "captured", "expel"),
    # "drove the jihadists out after a two-day assault": out of the place just talked about.
    (_v(r"(?:drove|drive|driven|driving|drives|pushed|forced|kicked|chased|flushed)\s+(?:the\s+)?(?P<loser>" + _ACTOR_WORDS + r")\s+out\b(?!\s+of)"), "captured", "expel_out"),
    (_v(r"(?:was|were|been|being|is|are)\s+(?:\w+ly\s+)?lost\s+to"), "captured", "fell"),
    # "Karmah, a farming town dominated by Islamic State fighters"
    (r"\bdominated\s+by\b", "holds", "dominated"),
    (_v(r"(?:was|were|been|being|is|are)\s+(?:\w+ly\s+)?(?:handed|turned)\s+(?:back\s+)?(?:over\s+)?to"), "captured", "fell"),
    (_v(r"(?:was|were|been|being|is|are|declared|had\s+been|has\s+been)\s+(?:\w+ly\s+)?(?:cleared|emptied|purged|freed|rid)\s+of"), "captured", "cleared"),
    (_v(r"seize|seized|seizes|seizing|capture|captured|captures|capturing|cleared|freed|entered|enter|enters|entering|wrested|wrest|overran|overrun|overruns|overrunning|overwhelmed|stormed|storm|storms|storming|recapture|recaptured|recaptures|recapturing|retake|retook|retaken|retakes|retaking|liberate|liberated|liberates|liberating|conquer|conquered|conquers|took|take|taken|takes|taking|regained|regain|reclaimed|reclaim"), "captured", "active"),
    (_v(r"fell|fall|falls|falling|fallen"), "captured", "fell"),
    (_v(r"(?:the\s+)?(?:fall|capture|seizure|takeover|take-over|recapture|retaking|re-taking|storming|liberation|conquest|loss)\s+of"), "captured", "nominal"),
    # "announced the 'total liberation' of Raqqa": a quoted phrase
    (_v(r"(?:the\s+)?['‘\x22“](?:\w+\s+)?(?:liberation|capture|recapture|fall)['’\x22”]\s+of"), "captured", "nominal"),
    # "pushed the militants back from the outskirts of Samarra": fighting at its edge
    (_v(r"(?:pushed|pushing|pushes|push|drove|driving|drives|drive|beat|beating|forced|forcing)\s+(?:the\s+|them\s+|their\s+|its\s+)?(?:[\w-]+\s+){0,2}?back\s+(?:from|away\s+from)\s+(?:the\s+(?:\w+\s+)?(?:outskirts|edges?|gates|approaches|fringes)\s+of\s+)?(?=(?-i:[A-Z]))"), "contested", "contest"),
    # "Control of Ramadi passed to the militants"
    (r"\b(?:control|possession)\s+of\s+(?P<obj>[^,.;]{2,40}?)\s+(?:has\s+|had\s+)?(?:passed|passes|went|was\s+handed|was\s+transferred|reverted|returned)\s+(?:back\s+)?to\b", "captured", "control_passed"),
    # "Ramadi's capture by ISIS", "since Tikrit's liberation"
    (r"(?<=['’]s\s)(?:capture|seizure|takeover|recapture|retaking|liberation|conquest)\b(?!\s+of\b)", "captured", "poss_nominal"),
    # "The militants lost their last foothold in Diyala"
    (_v(r"(?:lost|lose|loses|losing)\s+(?:their|its|the)\s+(?:(?:last|final|only|main|remaining)\s+)?(?:foothold|footholds|stronghold|strongholds|positions|bases|grip|hold|presence)\s+(?:in|on|at|inside|over)"), "lost", "active"),
    (_v(r"(?:hold|grip|control|stranglehold)\s+(?:on|over)"), "holds", "nominal"),
    (_v(r"(?:the\s+)?(?:battle|fight|struggle|offensive|campaign)\s+(?:of|to\s+(?:retake|recapture|liberate|free))"), "contested", "contest"),
    (_v(r"(?:the\s+)?(?P<loser>[\w'’.-]+(?:\s+[\w'’.-]+)?)(?:['’]s)?\s+(?:withdrawal|retreat|pullout|pull-out|flight)\s+from"), "lost", "nominal_loss"),
    # "the withdrawal of the soldiers of the Islamic State from Manbij"
    (_v(r"(?:withdrawal|withdraw|retreat|pullout|pull-out|flight)\s+of\s+(?P<loser>[^,.;]{3,50}?)\s+from"), "lost", "nominal_loss"),
    # "ISIS fighters left the city for Jarabulus": a place left behind
    (r"\bleft\s+(?=(?-i:the\s+(?:city|town|village|area|district)\b(?!\s+in\s+ruins)|[A-Z][a-z]))", "lost", "active"),
    # --- lost
    (_v(r"(?:lost|lose|loses|losing)\s+(?:full\s+|all\s+|effective\s+)?control\s+(?:of|over)"), "lost", "active"),
    # "The army collapsed in Mosul within hours"
    (_v(r"(?:collapsed|crumbled|disintegrated|melted\s+away|evaporated)\s+(?:in|inside|at)"), "lost", "active"),
    # "Iraqi troops mopped up the last pockets of resistance in Baiji"
    (_v(r"(?:mopped\s+up|mopping\s+up|mop\s+up|cleared|clearing|clear|eliminated|wiped\s+out)\s+(?:the\s+)?(?:last|remaining|final)\s+(?:pockets?|remnants?|holdouts?|militants|fighters)\s+(?:of\s+(?:[\w-]+\s+){1,3}?)?(?:in|inside|at|around)"), "captured", "active"),
    (_v(r"(?:were|was|been|being|got)\s+(?:\w+ly\s+)?(?:driven|pushed|forced|chased|kicked|expelled|ousted|ejected|routed)\s+(?:out\s+of|from)"), "lost", "active"),
    # note style: "ISIS pushed out of the town in late Feb."
    (_v(r"(?:driven|pushed|forced|chased|kicked|flushed)\s+out\s+of"), "lost", "active"),
    (_v(r"(?:withdrew|withdrawn|withdraw|withdrawing|withdraws|retreated|retreat|retreating|pulled\s+out|pull\s+out|pulling\s+out|pulls\s+out|fled|flee|fleeing|flees|evacuated|evacuate|melted\s+away)[\"”’']?(?:\s+\w+ly[\"”’']?)?\s+(?:from|of)"), "lost", "active"),
    (_v(r"abandoned|abandon|abandons|abandoning|lost|lose|loses|losing|ceded|cede|surrendered|gave\s+up|give\s+up|evacuated|deserted|vacated"), "lost", "active"),
    # "policemen and soldiers were seen fleeing Ramadi": to flee a town is to give it up
    (_v(r"(?:fled|fleeing|flee|flees)(?=\s+(?:(?-i:[A-Z])|the\s+(?:city|town|village|base)\b))"), "lost", "active"),
    (_v(r"(?:pulled|pull|pulls|pulling)\s+out|withdrew|retreated|fled|melted\s+away|slipped\s+(?:away|out)|collapsed|surrendered|capitulated"), "lost", "left"),
    # "The defenders of Haditha held firm", "Kobani's defenders held their ground"
    (_v(r"(?:held|hold|holds|holding)\s+(?:firm|fast|out|on|their\s+ground|its\s+ground|the\s+line)\b(?:\s+(?:in|inside|at|to)\b)?"), "holds", "held_out"),
    # "since the army left in June": intransitive, right after a force.
    (r"(?:(?<=\barmy\s)|(?<=\btroops\s)|(?<=\bsoldiers\s)|(?<=\bforces\s)|(?<=\bpolice\s)|(?<=\bgarrison\s)|(?<=\bpeshmerga\s)|(?<=\bmilitants\s)|(?<=\bfighters\s)|(?<=\bjihadists\s))left(?=\s*(?:[,.;]|$|\s+(?:in|on|at|after|before|when|as|last|this|early|late|overnight|without)\b))", "lost", "left"),
    # --- besieged
    (_v(r"(?:lay|laid|laying|lays)\s+siege\s+to"), "besieged", "active"),
    # "Our forces continue to besiege the Daesh gangs in Shirqat": the enemy, then the place.
    # "Troops cut the last supply route into Fallujah": the town is cut off (one road of
    # several is not a siege).
    (_v(r"(?:cut|cutting|cuts|severed|severing|severs|closed|closing|blocked|blocking)\s+(?:off\s+)?(?:the\s+|its\s+|their\s+)?(?:(?:last|only|remaining|all)\s+(?:supply\s+)?(?:routes?|roads?|lines?|corridors?)|(?:main\s+|key\s+)?(?:supply\s+(?:routes?|lines?|corridors?)|lifelines?))\s+(?:into|to|in\s+and\s+out\s+of|out\s+of|from)"), "besieged", "cut_road"),
    # "Government troops remain besieged at the Deir ez-Zor airport": they hold it.
    (_v(r"(?:remain|remains|remained|are|were|is|was|(?:have|has|had)\s+been)\s+(?:still\s+|now\s+)?(?:besieged|encircled|surrounded|cut\s+off|holed\s+up)\s+(?:in|at|inside)"), "holds", "active"),
    (_v(r"(?:besiege|besieged|besieging|besieges|surround|surrounded|surrounding|surrounds|encircle|encircled|encircling|encircles|trapped|trapping|trap)\s+(?:the\s+|hundreds\s+of\s+|dozens\s+of\s+|remaining\s+|some\s+)?(?P<loser>" + _ACTOR_WORDS + r")\s+(?:in|inside|holed\s+up\s+in)"), "besieged", "besiege_in"),
    (_v(r"(?:the\s+)?(?:siege|blockade)\s+(?:of|on|around)|encirclement\s+of|(?:siege|blockade)\s+(?:imposed|laid|maintained|kept)\s+by\s+[^,.;]{1,50}?\s+(?:on|around)"), "besieged", "nominal"),
    (r"\bunder\s+(?:an?\s+|the\s+)?(?P<actor_in>" + _ACTOR_WORDS + r")\s+(?:siege|blockade|encirclement)\b", "besieged", "state"),
    (_v(r"under\s+siege"), "besieged", "state"),
    # "tightened their noose around Amerli"
    (_v(r"(?:tighten|tightened|tightening|tightens|closed|closing|close|closes)\s+(?:the|their|its|a)\s+(?:noose|cordon|ring|encirclement|siege|net)\s+(?:around|on|round)"), "besieged", "active"),
    (_v(r"besiege|besieged|besieging|besieges|surround|surrounded|surrounding|surrounds|encircle|encircled|encircling|encircles|cut\s+off"), "besieged", "active"),
    # --- threatened
    (_v(r"(?:threaten|threatened|threatening|threatens|vowed|vow|vows|pledged|promised)\s+to\s+(?:march|advance|move|push|attack|storm|drive|head|sweep)\s+(?:on|to|toward|towards|into|against)?"), "threatened", "active"),
    (_v(r"(?:advance|advanced|advancing|advances|march|marched|marching|marches|push|pushed|pushing|pushes|pressed|pressing|press|presses|moving|moved|move|moves|headed|heading|head|converging|converged|bearing\s+down|bore\s+down|closing\s+in|closed\s+in|close\s+in|closes\s+in|encroaching|encroached|edging|edged|inching|inched)(?:\s+(?:north|south|east|west|northeast|northwest|southeast|southwest|north-east|north-west|south-east|south-west)(?:ward|wards)?)?(?:\s+from\s+[^,.;]{2,30}?)?(?:\s+(?:down|up|along|across)\s+(?:the\s+)?[\w-]+(?:\s+[\w-]+)?)?\s+(?:on\s+(?:toward|towards|to)|on|toward|towards|upon|in\s+on)(?!\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December|\d)\b)"), "threatened", "active"),
    (_v(r"(?:pose|posed|poses|posing)\s+(?:an?\s+)?(?:\w+\s+)?threat\s+to"), "threatened", "active"),
    (_v(r"(?:the\s+)?(?:march|advance|push|drive)\s+(?:on|toward|towards)"), "threatened", "nominal"),
    (_v(r"within\s+(?:striking|shelling|artillery)\s+(?:distance|range)\s+of|within\s+sight\s+of(?:\s+the\s+(?:\w+\s+)?(?:outskirts|edges?|gates)\s+of)?"), "threatened", "active"),
    # "ISIS fighters were reported just 10 miles from Baquba"
    (_v(r"(?:are|is|were|was|now|reported|stood|stand|standing|camped|dug\s+in)\s+(?:now\s+)?(?:just|only|some|about|barely|roughly|around)\s+[\w.-]+\s+(?:miles?|km|kilomet(?:re|er)s)\s+(?:from|of|outside)"), "threatened", "within_reach"),
    # "The militants are now within 60 miles of Baghdad", "less than an hour's drive from"
    (_v(r"(?:are|is|were|was|got|get|gets|came|come|comes|advanced|advancing|advance|advances|moved|moving|pushed|pushing|push|closed|closing)\s+(?:(?:now|already|still|reportedly|just)\s+)?(?:(?:to|in)\s+)?['‘\x22“]?(?:within|less\s+than|fewer\s+than)\s+(?:about\s+|some\s+|roughly\s+|only\s+|just\s+)?(?:an?\s+|\d[\d.,]*\s*|[\w.-]+\s+){1,2}?(?:miles?|km|kilomet(?:re|er)s|hour['’]?s['’]?\s+drive|minutes['’]?\s+drive|(?:\d+|\w+)-(?:minute|hour)\s+drive)['’\x22”]?(?:\s*\([^()]{1,25}\))?\s+(?:of|from)"), "threatened", "within_reach"),
    (_v(r"(?:reached|reach|reaching|knocking\s+on|knocked\s+on|(?:is|are|was|were|now|stood|stand|standing)\s+(?:now\s+|already\s+)?(?:at|on))\s+the\s+(?:outskirts|edge|gates|doors?|doorstep|fringes|perimeter|outer\s+limits)\s+of"), "threatened", "active"),
    # "militants massing on the outskirts of Samarra"
    (_v(r"(?:massing|massed|amassing|amassed|gathering|gathered|regrouping|regrouped|concentrating|concentrated|building\s+up|built\s+up)\s+(?:(?:their\s+|its\s+)?(?:forces|fighters|troops|men)\s+)?(?:on\s+the\s+outskirts\s+of|near|outside|around|at\s+the\s+edge\s+of|just\s+outside|close\s+to|(?:just\s+)?(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)\s+of)"), "threatened", "active"),
    # "government troops and the Kurdish asayish have shared control since 2012"
    (_v(r"(?:share|shared|shares|sharing)\s+(?:\w+\s+)?control(?:\s+(?:\w+ly\s+)?(?:of|over))?"), "holds", "shared"),
    (_v(r"threaten|threatened|threatening|threatens|menace|menaced|menacing|menaces|approached|approaching|approach|approaches|imperil|imperiled|imperilled|endanger|endangered"), "threatened", "active"),
    # "after the army abandoned its bases there": the place just named
    (_v(r"(?:abandoned|abandon|abandoning|deserted|fled|left|vacated)\s+(?:their|its)\s+(?:\w+\s+)?(?:posts|positions|bases|barracks|checkpoints|stations|headquarters)(?:\s+there)?\b(?!\s+(?:in|at|around|across|inside)\b)"), "lost", "left"),
    # "Police abandoned their posts in Tikrit"
    (_v(r"(?:abandoned|abandon|abandoning|deserted|deserting|fled|left|leaving|vacated)\s+(?:their|its|all\s+their)\s+(?:\w+\s+)?(?:posts|positions|bases|barracks|checkpoints|stations|headquarters|garrison)\s+(?:in|at|around|across|inside|(?:just\s+)?(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)\s+of)"), "lost", "active"),
    # "Government forces are back in Tikrit"
    (_v(r"(?:are|is|were|was)\s+(?:now\s+|firmly\s+)?back\s+in(?!\s+control)"), "holds", "active"),
    # "the Haditha Dam, where an Iraqi battalion and 200 tribesmen are dug in"
    (r"(?<=\bwhere\s)(?P<actor_in>[^,.;]{2,80}?)\s+(?:are|is|were|was|remain|remains|remained|have\s+been|has\s+been)\s+(?:still\s+|now\s+)?(?:dug\s+in|entrenched|holed\s+up|holding\s+out|deployed|stationed|garrisoned|in\s+(?:full\s+)?control)\b", "holds", "where_holds"),
    # "Abandoned by the peshmerga, the Yazidi town of Sinuni was in IS hands by nightfall"
    (r"(?:^|(?<=[\x22“]))\s*(?-i:Abandoned|Deserted|Evacuated|Vacated)\s+by\s+(?:the\s+)?(?P<actor_in>" + _ACTOR_WORDS + r")\s*,", "lost", "fronted_by"),
    # "fled north, leaving the city to the militants": the side it is left to takes it
    (_v(r"(?:leaving|left|handing|handed|ceding|ceded|surrendering|surrendered)\s+(?=(?:the\s+(?:city|town|village|base|area|district)(?:\s+of\s+(?-i:[A-Z])[\w'’-]+)?|(?-i:[A-Z])[\w'’-]+(?:\s+(?-i:[A-Z])[\w'’-]+)?)\s+to\s+(?:the\s+)?(?:[\w-]+\s+)?(?:militants|jihadists|insurgents|extremists|gunmen|group|ISIS|ISIL|IS|Daesh|Islamic\s+State)\b)"), "lost", "left_to"),
    # "ISIS still controls on Udhaim district": the preposition of a non-native writer
    (_v(r"(?:controls|controlled|controlling|control)\s+on(?=\s+(?-i:[A-Z]))"), "holds", "active"),
    # "ISIS consolidated control of Hit": the hold made firm
    (_v(r"(?:consolidated|consolidating|consolidates|consolidate|cemented|cementing|tightened|tightening|entrenched|entrenching)\s+(?:its\s+|their\s+|his\s+)?(?:control|hold|grip|grasp)\s+(?:of|on|over)"), "holds", "active"),
    # --- holds, verbs
    # "The militants have been holed up in Hajin for months"
    (_v(r"(?:holed|holing)\s+up\s+(?:in|inside)|(?:entrenched|barricaded|dug\s+in)\s+(?:in|inside)"), "holds", "active"),
    # "Peshmerga forces are deployed in Makhmour", "IS fighters man checkpoints in Tal Afar",
    # "the army maintains a presence in Samarra": a force on the ground holds the place.
    (_v(r"(?:(?:are|is|were|was|remain|remains|remained|(?:have|has|had)\s+been)\s+(?:still\s+|now\s+|permanently\s+)?(?:deployed|stationed|garrisoned|based|positioned|dug\s+in)\s+(?:in|inside|at)|(?:man|manned|manning|mans|run|ran|running|runs|staff|staffed)\s+(?:the\s+)?(?:checkpoints|checkpoint|roadblocks|positions)\s+(?:in|inside|at|around)|(?:maintain|maintains|maintained|keep|keeps|kept|have|has|had|retain|retains|retained)\s+(?:a\s+|their\s+|its\s+)?(?:(?:strong|heavy|large|small|military|significant)\s+)?(?:presence|garrison|foothold)\s+(?:in|inside|at))"), "holds", "active"),
    (_v(r"(?:remain|remains|remained|stay|stays|stayed)\s+(?:firmly\s+)?in\s+control\s+of"), "holds", "active"),
    (_v(r"(?:remain|remains|remained|stay|stays|stayed|are\s+still|were\s+still|is\s+still)\s+(?:inside|in|(?=there\b))"), "holds", "active"),
    (_v(r"(?:(?:is|are|was|were|be|been)\s+(?:still\s+|now\s+|firmly\s+|largely\s+)?in|retain|retained|retains|keep|kept|keeps|maintain|maintained|maintains|has|have|had)\s+(?:full\s+|firm\s+|effective\s+|total\s+)?control\s+(?:of|over)"), "holds", "active"),
    # "Here in Kirkuk, the peshmerga have been in control since June": the place is named before.
    (_v(r"(?:(?:have|has|had)\s+been|(?:is|are|was|were|remain|remains|remained)(?:\s+still)?)\s+(?:firmly\s+|fully\s+|now\s+|still\s+)?in\s+(?:full\s+|firm\s+|effective\s+|sole\s+|complete\s+|total\s+)?control(?!\s+of|\s+over)"), "holds", "control_here"),
    # SANA's "army units restored security and stability to Ghweiran neighbourhood"
    (_v(r"(?:restored|restore|restores|restoring|re-established|reestablished|imposed)\s+(?:\w+\s+){0,2}?(?:security|control|order|stability|calm|state\s+authority)(?:\s+and\s+(?:security|stability|order|calm))?\s+(?:to|in|over|across)"), "captured", "active"),
    # "the recapture leaves ISIS in control of Tal Afar", "with the army in control of"
    (_v(r"in\s+(?:full\s+|firm\s+|effective\s+|sole\s+|complete\s+|total\s+|nominal\s+)?control\s+of"), "holds", "active"),
    (_v(r"(?:(?:is|are|was|were|been|be|remain|remains|remained)\s+(?:(?:still|now|firmly|fully|effectively)\s+){0,2}in\s+charge\s+of|(?:hold|holds|held|holding)\s+sway\s+(?:in|over|across)|(?:ruled|rules|governed|governs|administers|administered)(?!\s+out\b))"), "holds", "active"),
    (_v(r"retain|retains|retained|retaining|control|controls|controlled|controlling|hold|holds|held|holding|occupy|occupies|occupied|occupying|guard|guards|guarded|guarding|secured|secure|secures|securing|run\s+by|defend|defended|defends|defending|garrisoned|garrisoning|garrisons|patrolled|patrolling|patrols|patrol|policed|policing|administered|administering|administers|governed|governing|governs"), "holds", "active"),
    # --- contested
    (_v(r"(?:fighting|fight|fights|fought|clashes|clash|clashed|clashing|battle|battles|battled|battling|struggle|firefights?|skirmishes|combat|gunbattles?|gun\s+battles?|offensives?|counter-?offensives?|counterattacks?|counter-attack|assault|assaults|attack|attacks|raid|raids|push|operation|operations)(?:\s+between\s+[^,.;]{3,60}?(?=\s+(?:in|near|around|on|for|inside|outside|at|have|has|had|is|are|was|were|raged|erupted|broke|continued|flared)\b))?(?:\s+(?:with|alongside)\s+(?!(?:heavy|light|small|mortars?|rockets?|artillery|tanks?|machine|rifles?|weapons|guns?)\b)[^,.;]{3,40}?(?=\s+(?:in|near|around|on|inside|outside|at)\s+(?:the\s+)?[A-Z]|\s+(?:in|on|at|near|around)\s+the\s+(?:city|town|village)['’]s\s))?(?:\s+(?:(?:have|has|had|is|are|was|were)\s+)?(?:now\s+|still\s+|\w+ly\s+)?(?:raged|raging|rages|rage|continue|continues|continuing|went\s+on|goes\s+on|going\s+on|under\s+way|underway|ongoing|taking\s+place|took\s+place|erupted|broke\s+out|continued|intensified|flared|spread|resumed|(?:was|were|have\s+been|had\s+been)\s+reported))?(?:\s+between\s+[^,.;]{3,60}?(?=\s+(?:in|near|around|inside|outside|at)\s+[A-Z]))?\s+(?:in\s+and\s+around|in|near|around|for|over|on|at|outside|against|inside|across|close\s+to|on\s+the\s+(?:\w+\s+)?(?:outskirts|edges?|fringes)\s+of|to\s+(?:retake|recapture|reclaim|liberate|take|free)|(?=there\b))"), "contested", "contest"),
    # The place as subject: "Baiji has seen heavy fighting", "Saadiya remains contested",
    # "control of the town changed hands twice".
    (_v(r"(?:saw|seen|sees|see|witnessed|witnesses|experienced|endured|(?:been|was|were|is|became|become)\s+the\s+(?:scene|site|focus)\s+of|been\s+(?:at\s+)?the\s+(?:centre|center|heart)\s+of|been\s+rocked\s+by)\s+(?:[\w-]+\s+){0,3}?(?:fighting|clashes|battles?|combat|firefights?|skirmishes|street\s+battles|gunfights?)"), "contested", "contest_left"),
    (_v(r"(?:remains?|remained|is|are|was|were|has\s+been|have\s+been|had\s+been|came|comes|come)\s+(?:still\s+|now\s+|again\s+)?under\s+(?:\w+\s+)?(?:attack|assault)\b(?!\s+from\s+the\s+air)"), "contested", "contest_left"),
    (_v(r"(?:remains?|remained|is|are|was|were|still|became|become|has\s+been|have\s+been)\s+(?:\w+ly\s+)?(?:contested|disputed|a\s+(?:front\s*line|battlefield|battleground|war\s+zone))|changed\s+hands|changes\s+hands|change\s+hands|(?:been|was|were|is|are|being)\s+(?:\w+ly\s+)?fought\s+over|(?<=[—–:] )(?:contested|front\s*line|frontline)"), "contested", "contest_left"),
    # "Around Baiji and its refinery, fighting has gone on since June": a fronted place.
    (_v(r"(?:fighting|clashes|battles|combat|skirmishes)(?:\s+between\s+[^,.;]{3,60}?)?\s+(?:(?:has|have|had)\s+)?(?:\w+ly\s+)?(?:gone\s+on|went\s+on|continued|raged|persisted|dragged\s+on|flared|erupted|broken\s+out|broke\s+out|resumed|intensified|took\s+place)(?!\s+(?:in|around|near|at|inside|outside|on)\b|\s+for\s+(?:the\s+)?(?:control|possession)\b)"), "contested", "contest_fronted"),
    # "Fighting has spread to Baquba", "the front line now runs through Ramadi",
    # "troops and militants exchanged fire in Haditha", "pockets of resistance remain in Mosul"
    (_v(r"(?:fighting|clashes|battles?|the\s+fight|combat)\s+(?:(?:has|have|had)\s+)?(?:now\s+)?(?:spread|spreads|spreading|moved|shifted|shifts)\s+(?:to|into)|front\s*-?lines?\s+(?:now\s+)?(?:runs?|ran|lies|lay|is|are|was|passes|passed)\s+(?:through|in|inside|along|at|near|around|across)|(?:exchanged|exchanging|exchange|traded|trading|trade)\s+(?:heavy\s+|sporadic\s+)?(?:fire|gunfire)\s+(?:in|near|around|inside|outside|on\s+the\s+outskirts\s+of)|(?:pockets\s+of\s+)?resistance\s+(?:remains?|remained|continues?|continued|persists?|persisted)\s+(?:in|inside|around)"), "contested", "contest"),
    # "In Dhuluiya, tribal fighters have been fighting off militant assaults for a week"
    (_v(r"(?:fought|fighting|fight|fights|held|holding|hold|holds|beat|beaten|beating|fended|fending|fend|fends)\s+off\s+(?:an?\s+|the\s+|repeated\s+|several\s+|\w+\s+){0,3}?(?:attacks?|assaults?|offensives?|advances?|onslaughts?)|(?:repelled|repulsed|repel|repels|repelling|repulsing|thwarted|foiled)\s+(?:an?\s+|the\s+|repeated\s+|several\s+|\w+\s+){0,3}?(?:attacks?|assaults?|offensives?|advances?|onslaughts?)(?!\s+(?:on|against)\b(?!\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December|the\s+(?:night|morning|evening|eve)\b|\d)))"), "contested", "contest_defended"),
    # "were fighting the group inside Albu Kamal": the enemy between the verb and the place.
    (_v(r"(?:fighting|fought|battling|battled|clashing|clashed\s+with|engaging|engaged)\s+(?:the\s+|its\s+|their\s+)?(?:[\w-]+\s+){1,3}?(?:in|inside|around|near|for|at|on\s+the\s+(?:\w+\s+)?(?:outskirts|edges?|fringes)\s+of)"), "contested", "contest"),
    # "Mosul was declared liberated by Iraqi forces in July"
    (_v(r"(?:was|were|been|is|are|being)\s+(?:\w+ly\s+)?(?:declared|announced|pronounced)\s+(?:\w+ly\s+)?(?:liberated|freed|free|retaken|recaptured|cleared|clear)"), "captured", "declared_passive"),
    (r"(?i)(?:\bnear|\bin|\boutside)\s+(?P<obj>[^,.;]{2,40})(?:,[^,.;]{1,60})?,\s+(?:\w+\s+){0,2}(?:air\s*)?strikes?\b", "contested", "strikes_near"),
    (_v(r"(?:pushed|pushing|advanced|advancing|moved|fought|broke|battled|punched)\s+(?:deep\s+|deeper\s+|further\s+|farther\s+|their\s+way\s+|its\s+way\s+)?(?:into|through)"), "contested", "contest"),
    (_v(r"attacked|attack|attacks|attacking|assaulted|assault|bombarded|raided|came\s+under\s+(?:attack|fire|assault)|fired\s+(?:\w+\s+){0,3}?(?:at|on|into)|struck|strike|striking|pounded|pounding|hit\s+targets|fought\s+(?:their|its|his)\s+way\s+(?:into|to|through)"), "contested", "contest_verb"),
]
# fmt: on


_TRIGGER_RES = [(re.compile(rx, re.I), kind, frame) for rx, kind, frame in _TRIGGERS]


# Past participles of the active triggers: with a "be" auxiliary or "by" they are passive.
_PASSIVE_AUX_RE = re.compile(
    r"\b(?:was|were|is|are|been|being|be|get|got|gets|remain|remains|remained|stay|stayed|"
    # "officials describe the town as surrounded": "as" before a participle is passive too
    r"left|became|become|(?:describe[sd]?|describing|reported|regarded|described|seen|listed)\s+(?:[\w-]+\s+){0,6}?as|"
    # "the city was declared liberated", "was officially announced free"
    r"(?:was|were|is|are|been|be)\s+(?:\w+ly\s+)?(?:declared|announced|pronounced|proclaimed))"
    r"\s+(?:\w+ly\s+|not\s+|never\s+|also\s+|still\s+|now\s+|already\s+|yet\s+)*$",
    re.I,
)


_PARTICIPLE_RE = re.compile(
    r"(?:ed|en|wn|run|held|lost|taken|overrun|retaken|cut\s+off|won\s+back|run\s+by)$", re.I
)


# Words that end a clause for the right-hand window of a trigger.
_CLAUSE_BREAK_RE = re.compile(
    r"[;:()\[\]—–]|\s-\s|,\s*(?:which|who|whose|where|when|while|but|as|after|before|killing|"
    r"forcing|sending|according|said|says|officials|leaving|prompting|despite)\b|"
    # "seize Syrian airbase as fears grow over Euphrates dam": "as" opening a clause
    r"(?<!\bknown\s)(?<!\bsuch\s)(?<!\bsame\s)(?<!\balso\s)(?<!\bwell\s)\bas\s+(?!well\b|part\b|far\b|"
    r"much\b|many\b|long\b|an?\b|the\s+(?:first|last|only|latest|next)\b)[a-z]+\s+(?:\w+\s+)?(?:grow|grows|grew|"
    r"mount|mounts|mounted|rise|rises|rose|fled|withdrew|retreated|advanced|pulled|continued|continue|"
    r"was|were|is|are)\b|"
    r"\b(?:but|while|after|before|because|since|although|though|amid|despite|until|when|whereas|"
    r"unless|said|says|told|according\s+to|so\s+that|in\s+order)\b|"
    r"\band\s+(?:then|has|have|had|is|was|were|will|would|also|later|now|are|began|vowed|"
    r"threatened|pushed|moved|said|could|may|might|killed)\b",
    re.I,
)


# Prepositions after which a place is a landmark, not the object of the trigger.
_BLOCK_RE = re.compile(
    r"\b(?:near|outside|from|toward|towards|between|beyond|past|than|except|via|through|"
    r"along|across|against|of\s+(?:the\s+)?(?:road|highway|route)|"
    r"(?:north|south|east|west|northeast|northwest|southeast|southwest|north-east|north-west|"
    r"south-east|south-west|northern|southern|eastern|western|miles|mile|km|kilometres|kilometers|"
    r"km|border|borders|bank|banks|edge|outskirts|side|sides|heart|centre|center|gates|road|"
    r"highway|province|governorate|parts|part|rest|much|most|some)\s+of|"
    r"to\s+(?:the\s+)?(?:north|south|east|west|northeast|northwest|southeast|southwest)|"
    r"other\s+than|apart\s+from|except\s+for|as\s+well\s+as\s+(?:in|near)|en\s+route\s+to|"
    r"on\s+the\s+way\s+to|road\s+to|highway\s+to|with|by|to|into|for|at|on|like|where|"
    r"including\s+(?:in|near)|in|inside|at|of)\b\s*(?:the\s+)?[\w\s'’,-]*$",
    re.I,
)


# Between two coordinated places: "Mosul and Tikrit", "Mosul, Tikrit and Baiji".
_COORD_RE = re.compile(
    r"^\s*(?:,\s*(?:and\s+|or\s+|nor\s+|as\s+well\s+as\s+|(?:together|along)\s+with\s+)?|and\s+|or\s+|nor\s+|as\s+well\s+as\s+|(?:together|along)\s+with\s+|&\s+)"
    r"(?:then\s+|also\s+|later\s+)?(?:(?:on|to|toward|towards|into|against)\s+(?=the\s))?"
    r"(?:the\s+|an?\s+|nearby\s+|neighbou?ring\s+)?"
    r"(?:(?:strategic|key|northern|southern|eastern|western|central|oil|border|provincial|holy|"
    r"shrine|small|large|major|main|nearby|mostly|mainly|predominantly|Sunni|Shiite|Shia|Kurdish|"
    r"Christian|Turkmen|Yazidi|mixed|Iraqi|Syrian|ancient|northwestern|northeastern|southwestern|"
    r"southeastern|remote|desert)[\s-]+)*"
    r"(?:(?:[a-z][\w-]*\s+){0,3}?(?:city|town|village|cities|towns|villages|province|provinces|district|area|refinery|"
    r"base|dam|airport|crossing|oilfield|parts|part|much|most|all|half|the\s+rest|centre|center|"
    r"heart|outskirts|pockets?|areas?|enclaves?|swathes?|stretch|stretches|territory|"
    r"neighbou?rhoods?|districts|airbase|airfield|camp)\s+(?:of|around|near|in|at)\s+(?:the\s+)?)?"
    r"(?:(?:in|at|near|around|outside|inside|on|into|toward|towards|to|of|on\s+the\s+outskirts\s+of)\s+(?:the\s+)?)?"
    r"(?:(?:strategic|key|northern|southern|eastern|western|central|oil|border|provincial|holy|"
    r"shrine|small|large|major|main|nearby|Sunni|Shiite|Shia|Kurdish|Christian|Turkmen|Yazidi|"
    r"mixed|ancient|remote|desert)[\s-]+)*(?:(?:city|town|village|district|island)\s+of\s+)?$",
    re.I,
)


_NEG_RE = re.compile(
    r"\b(?:not|never|nobody|no\s+one|no\s+longer|unable\s+to|n't|didn['’]t|hasn['’]t|haven['’]t|wasn['’]t|weren['’]t|isn['’]t|"
    r"aren['’]t|won['’]t|cannot|can['’]t|couldn['’]t|failed\s+to|fail\s+to|fails\s+to|"
    r"without|nor|neither|denied|deny|denies|denying|incorrectly|wrongly|falsely|erroneously|"
    r"(?:rejected|dismissed|refuted|disputed)\s+(?:\w+\s+){0,3}?(?:reports?|claims?|accounts?|rumou?rs?)|refuted|false\s+(?:reports|claims)|untrue|rumou?rs?\s+that|no\s+sign|"
    r"yet\s+to|at\s+no\s+(?:point|time|stage)|by\s+no\s+means|"
    r"(?:thwarted|foiled|repelled|repulsed|blocked|halted|stopped|defeated)\s+(?:an?\s+|the\s+|their\s+|its\s+)?(?:\w+\s+)?(?:attempts?|bids?|efforts?))\b",
    re.I,
)


_HYPO_RE = re.compile(
    r"\b(?:if|unless|whether|could|would|might|may|should|will|shall|'ll|"
    r"vowed|vow|vows|vowing|pledged|pledges|promised|promises|plans?|planned|planning|"
    r"aims?|aimed|aiming|hopes?|hoped|hoping|wants?|wanted|intends?|intended|seeks?|sought|"
    r"seeking|trying|tried|tries|try|attempting|attempted|attempts?|"
    r"preparing|prepares|expected|expects|likely|unlikely|poised|possibly|potential|"
    r"were\s+to|in\s+case|about\s+to|going\s+to|set\s+to|in\s+order\s+to|ready\s+to|"
    r"prepared\s+to|bid\s+to|effort\s+to|efforts\s+to|fears?\s+that|feared\s+that)\b",
    re.I,
)


# A purpose or intention directly before the trigger: "to retake", "vowed to retake".
_TO_INF_RE = re.compile(r"\bto\s+(?:\w+\s+){0,1}$", re.I)


# ... except where the infinitive reports a fact: "forced to retreat", "the first city to fall".
_FACT_INF_RE = re.compile(
    r"\b(?:forced|managed|manages|manage|failed|fails|fail|had|has|have|began|begun|started|continued|continues|"
    r"continue|continuing|went\s+on|moved|helped|appears|appeared|seems|seemed|"
    r"(?:is|are|was|were)\s+(?:said|believed|thought|reported|known)|"
    r"help|used|rushed|hurried|first|second|third|last|only|latest|next|claims|claimed|claim|"
    r"claiming|purports|purported|(?:was|were|been)\s+able)\s+(?:[\w-]+\s+){0,4}?to\s+(?:\w+\s+){0,1}$"
    # "IS claims to have captured", "is thought to have fallen": a perfect infinitive is past
    r"|\bto\s+have\s+(?:\w+ly\s+)?$",
    re.I,
)


_PRONOUN_RE = re.compile(
    # Longer forms first: "its fighters" is a group word, "its" alone is not.
    r"\b(?:its\s+fighters|their\s+fighters|whose\s+fighters|the\s+group|the\s+organi[sz]ation|"
    r"the\s+alliance|"
    r"the\s+movement|the\s+fighters|they|we|it|he|she|its|their|fighters|who|which)\b",
    re.I,
)


_ATTRIB_RES = (
    re.compile(
        r"\baccording\s+to\s+(?P<src>[^,.;:\"“”]{3,90}?)(?=\s*(?:[,.;:\"“”]|$|\bwho\b|\bwhich\b))",
        re.I,
    ),
    re.compile(
        r"(?:^\s*|[,\"“”]\s*)(?P<src>(?:the\s+|a\s+|an\s+)?[A-Za-z][^,;\"“”]{1,80}?)\s+"
        r"(?:said|says|say|told|tells|reported|reports|claimed|claims|announced|announces|deny|"
        r"confirmed|confirms|stated|added|insisted|insists|acknowledged|denied|denies|"
        r"alleged|asserted|maintained|warned|quoted|showed|indicated|declared)\b",
        re.I,
    ),
    re.compile(
        # "..., said the spokesman.": after a comma or a quote, never a reported clause
        r"[,\"“”’']\s*(?:said|says|told\s+\w+|reported|claimed|announced|added)\s+(?P<src>(?:the\s+|a\s+)?"
        r"[A-Za-z][^,.;\"“”]{1,80}?)\s*[.]?$",
        re.I,
    ),
)


_NOT_SOURCES = re.compile(
    r"^(?:it|he|she|they|we|i|you|this|that|there|which|who|what|reports?|also|then|officials?"
    r" have)$",
    re.I,
)


_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"


_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


_REL_DATE_RE = re.compile(
    r"\b(?:(?P<last>last|this|on|early|late)\s+)?(?P<wd>monday|tuesday|wednesday|thursday|friday|"
    r"saturday|sunday)\b|\b(?P<yest>yesterday|today|overnight|tonight)\b|"
    r"\b(?:last|this\s+past|the\s+previous)\s+(?P<week>week|weekend|month)\b|"
    r"\b(?:on|since|by)?\s*(?P<md>(?:January|February|March|April|May|June|July|August|September|"
    r"October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?\s+\d{1,2}"
    r"(?:,?\s+\d{4})?|\d{1,2}\s+(?:January|February|March|April|May|June|July|August|September|"
    r"October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?(?:\s+\d{4})?)\b|"
    # "in August 2014", "in August", "in 2014": the first day of the month or year named.
    rf"\b(?P<my>{_MONTHS}),?\s+(?P<myear>(?:19|20)\d\d)\b|"
    rf"\b(?:in|during|early|late|mid-?|by|until|through)\s+(?:early\s+|late\s+|mid-?)?(?P<mon>{_MONTHS})\b(?!\s+\d)|"
    r"\b(?:in|during|early|late|mid-?)\s+(?P<yr>(?:19|20)\d\d)\b",
    re.I,
)


_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90, "hundred": 100, "a hundred": 100, "one hundred": 100, "a dozen": 12,
    "dozen": 12, "half a": 0.5, "a": 1, "an": 1,
}  # fmt: skip


_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"


_UNITS_W = "one|two|three|four|five|six|seven|eight|nine"


_NUM_WORD_RE = (
    # "a hundred and seventy", "two hundred and fifty"
    rf"(?:(?:a|one|two|three|four|five)\s+hundred(?:\s+and)?\s+(?:(?:{_TENS})(?:[\s-](?:{_UNITS_W}))?|"
    rf"ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|{_UNITS_W})|"
    rf"(?:two|three|four|five)\s+hundred|"
    rf"(?:{_TENS})(?:[\s-](?:{_UNITS_W}))?|a\s+hundred|one\s+hundred|hundred|a\s+dozen|"
    r"ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|"
    rf"{_UNITS_W}|half\s+a|a|an)"
)


_NUM = rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?|\d+\s+1/2|{_NUM_WORD_RE})"


_UNIT = r"(?:miles?|mi|kilometres?|kilometers?|kms?|metres?|meters?|m)"


_QUAL = (
    r"(?:about|around|roughly|some|nearly|almost|approximately|approx\.?|close\s+to|more\s+than|"
    r"over|less\s+than|under|up\s+to|within|just|only|at\s+least|at\s+most|barely|fewer\s+than|"
    r"an\s+estimated|no\s+more\s+than|just\s+over|just\s+under|just\s+about|between|maybe|"
    r"perhaps|probably|possibly|reportedly|roughly|barely|scarcely|a\s+mere|a\s+little\s+over)"
)


_BEARING = (
    r"(?:north-northeast|north-northwest|south-southeast|south-southwest|east-northeast|"
    r"east-southeast|west-northwest|west-southwest|northeast|northwest|southeast|southwest|"
    r"north-east|north-west|south-east|south-west|north\s+east|north\s+west|south\s+east|"
    r"south\s+west|northward|southward|eastward|westward|north|south|east|west|"
    # "11 km NW of Fallujah" in notes and tables: two-letter capitals only
    r"(?-i:NE|NW|SE|SW))"
)


_DIST_RE = re.compile(
    rf"(?P<qual>{_QUAL}(?:\s+{_QUAL})?\s+|~\s*|(?<!\w)c(?:a)?\.\s*)?"
    # "(400) km": statements print figures in brackets
    rf"\(?(?P<num>{_NUM})\)?(?:\s*(?:-|–|to|or|and)\s*(?P<num2>{_NUM}))?"
    rf"(?P<hyph>[\s-]*)(?P<unit>{_UNIT})\b\.?(?:['’\x22”](?=\s))?"
    rf"(?:\s*\((?:about\s+|some\s+|roughly\s+|around\s+|nearly\s+)?{_NUM}(?:\s*(?:-|–|to)\s*{_NUM})?\s*{_UNIT}\.?\))?"
    # "(60 km/37 mi west of Mosul)": a conversion after a slash
    rf"(?:\s*/\s*{_NUM}\s*{_UNIT}\b\.?)?"
    rf"(?P<tail>(?:\s+(?:drive|ride|trip|journey|walk|flight|away|or\s+so|further|farther|by\s+road|upstream|downstream|upriver|downriver|up\s+the\s+road|down\s+the\s+road|up\s+the\s+river|down\s+the\s+river|up\s+the\s+valley|down\s+the\s+valley|"
    rf"as\s+the\s+crow\s+flies|due))*)"
    rf"(?:\s+(?P<to_the>to\s+the|to\s+its|in\s+the)?\s*(?P<bearing>{_BEARING})(?:ward|wards)?)?"
    rf"(?:\s+(?P<prep>of|from|outside|beyond|past|off|inside|in)\b)?",
    re.I,
)


_LINK_RE = re.compile(
    # "Hawija town, located some 55 km ...", "the Shura sub-district, 35 km south of Mosul"
    r"^\)?\s*(?:(?:town|city|village|district|sub-?district|camp|province|governorate|area|"
    r"airport|airbase|air\s+base|base|dam|refinery|crossing|border\s+crossing)\b)?"
    # "this farming town of some 15,000 Shiite Turkmen, about 160 km north of Baghdad"
    r"(?:\s*of\s+(?:about\s+|some\s+|roughly\s+|around\s+|nearly\s+|more\s+than\s+|over\s+)?"
    r"[\d,.]+(?:\s+(?:million|thousand))?(?:\s+[A-Za-z'’-]+){0,3}?(?=\s*,))?\s*(?:[,(]\s*)?(?:(?:which|that|it)\s+)?(?:(?:is|was|are|were|lies|lay|lie|sits|sit|sat|"
    r"stands|located|situated|based|set|only|just|now|still|also|itself|both|all|'s|’s)\s+)*"
    r"(?:(?:on|along|by|beside|astride)\s+(?:the\s+)?[\w'’-]+(?:\s+[\w'’-]+){0,2}?\s*(?:,\s*)?)?"
    r"(?:(?:an?|the)\s+(?:[\w'’-]+\s+){0,4}?(?:town|city|village|base|refinery|dam|airbase|"
    r"airport|crossing|district|area|facility|oilfield|field|hub|stronghold|settlement|suburb|"
    r"camp|capital|community|outpost|junction|municipality|enclave|pocket|bastion|redoubt|"
    r"region|valley|complex|port|crossing|site|plant|station|neighbou?rhood)(?:\s+of\s+(?:(?:about\s+|some\s+|"
    r"roughly\s+|around\s+|nearly\s+|more\s+than\s+|over\s+)?[\d,.]+(?:\s+(?:million|thousand))?(?:\s+"
    r"(?:people|residents|inhabitants))?|(?:[A-Z][\w'’-]+\s+){0,2}[A-Z][\w'’-]+))?"
    # "..., a farming town on the Euphrates some 35 miles ..."
    r"(?:\s+(?:on|in|near|along|by|beside|inside|outside|astride|at)\s+(?:the\s+)?[\w'’-]+(?:\s+[\w'’-]+){0,3}?)?"
    r"\s*(?:(?:which|that)\s+(?:is|lies|sits)\s+)?(?:located|situated|"
    r"lying|sitting)?\s*)?(?:just\s+|only\s+)?(?:an?\s+)?$",
    re.I,
)


_BEARING_8 = {
    "north": "N", "northward": "N", "south": "S", "southward": "S", "east": "E",
    "eastward": "E", "west": "W", "westward": "W", "northeast": "NE", "northwest": "NW",
    "southeast": "SE", "southwest": "SW", "ne": "NE", "nw": "NW", "se": "SE", "sw": "SW",
    # 16-point words keep the direction named first ("north-northeast" is N), as wire copy does.
    "northnortheast": "N", "northnorthwest": "N", "southsoutheast": "S",
    "southsouthwest": "S", "eastnortheast": "E", "eastsoutheast": "E",
    "westnorthwest": "W", "westsouthwest": "W",
}  # fmt: skip


@dataclass(frozen=True)
class _Sentence:
    start: int
    end: int
    text: str
    mentions: tuple[Mention, ...]  # offsets relative to the article
    actors: tuple[ActorMention, ...]
    # "Fallujah — ISIS-held since Jan 2014. Encircled by ISF since late 2015.": the place a
    # line of notes is about, the subject of its subjectless fragments.
    topic: Mention | None = None


def to_km(value: float, unit: str) -> float:
    """Kilometres in ``value`` of ``unit`` (mi, km or m)."""
    return value * KM_PER_UNIT[unit]


_DATELINE_AFTER_RE = re.compile(r"[ \t]*(?:,|\(|—|–|-|/|:(?=[ \t]))")


def _is_dateline(text: str, m: Mention) -> bool:
    """ "BAGHDAD, May 17 (Reuters) -": where the story was filed, not what it is about."""
    return (
        m.text.isupper()
        and len(m.text) >= 3
        and (m.start == 0 or text[m.start - 1] == "\n")
        and bool(_DATELINE_AFTER_RE.match(text, m.end))
    )


# A comma-delimited aside ("a mainly Turkmen city of about 200,000 people"); thousands
# separators do not end it.
_APPOSITIVE = r",(?:[^,;()]|\([^(),;]{1,40}\)|(?<=\d),(?=\d{3})){1,100},"


def _gap(sent: _Sentence, a: int, b: int) -> str:
    return sent.text[a - sent.start : b - sent.start]


def _tail(text: str, n: int) -> str:
    """The last ``n`` characters, less a word cut in two ("aim" of "Qaim" is no "aim")."""
    if len(text) <= n:
        return text
    return re.sub(r"^\w+", "", text[-n:]) if text[-n - 1].isalnum() else text[-n:]


def _lead(sent: _Sentence, pos: int, n: int) -> str:
    """At most ``n`` characters of the sentence before ``pos``, never from inside a word."""
    p = pos - sent.start
    return _tail(sent.text[max(0, p - n - 1) : p], n)  # one character more: a cut word shows


# How many sentences back a reference ("the city", "they", "50 miles to the south") may
# reach: enough for any article's paragraphs, and a bound on the work per sentence.
_LOOKBACK = 30


_POINT_KINDS = frozenset({"city", "town", "village", "facility"})


_STATES = frozenset({"iraqi-government", "united-states", "iran", "syrian-government"})


# Words for an armed group, never for a state: "the group overran Palmyra".
_GROUP_WORDS_RE = re.compile(
    # "in the hands of a group whose fighters had ...": described, not introduced
    r"\b(?:the\s+group|the\s+organi[sz]ation|the\s+movement|the\s+jihadists|"
    r"an?\s+(?:\w+\s+)?(?:group|organi[sz]ation|movement)(?=\s+(?:whose|that|which|who)\b))\b",
    re.I,
)


_AIR_RE = re.compile(
    r"\b(?:aircraft|jets?|warplanes?|planes?|air\s*strikes?|drones?|air\s+force|aviation|bombers?|"
    r"gunships?|helicopters?)\b",
    re.I,
)
