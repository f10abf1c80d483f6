"""Extract control claims and distance claims from an article's sentences.

Each claim keeps the sentence it comes from (``quote``, ``start``, ``end`` with
``text[start:end] == quote``). The extractor is a set of patterns over trigger words,
each with a *frame* that says where the place and the actor stand relative to it:

- ``active``   ACTOR seized PLACE, PLACE2 and PLACE3       (voice decided per match)
- ``fell``     PLACE fell (to ACTOR)                        (intransitive; place on the left)
- ``nominal``  the capture of PLACE (by ACTOR)              (place on the right)
- ``state``    PLACE ... under ACTOR control / in the hands of ACTOR
- ``adjective`` ACTOR-held PLACE
- ``contest``  fighting near PLACE                          (actor always null)

Negation, hypotheticals, attribution and dates are read from the same sentence.
"""

from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

from .actors import ActorMention, Actors
from .articles import parse_date
from .gazetteer import Gazetteer
from .model import AREA_KINDS, Article, ControlClaim, DistanceClaim, Mention
from .text import Token, norm_tokens, split_sentences

__all__ = ["extract_claims", "extract_control_claims", "extract_distance_claims", "to_km"]

KM_PER_UNIT = {"mi": 1.609344, "km": 1.0, "m": 0.001}

# ---------------------------------------------------------------------------------------
# Trigger lexicon. Each row: (regex over the sentence, kind, frame). Order matters only for
# overlapping matches: earlier rows win, so longer phrases come first.
# ---------------------------------------------------------------------------------------
_B = r"\b"
_ADV = r"(?:\s+(?:\w+ly|also|then|now|since|later|quickly|again|back|fully|largely|once|still))?"


def _v(forms: str) -> str:
    return _B + "(?:" + forms + ")" + _B


# fmt: off
_ACTOR_WORDS = r"[\w'’.-]+(?:\s+[\w'’.-]+){0,2}?"
_TRIGGERS: list[tuple[str, str, str]] = [
    # "an offensive to retake Tal Afar": the fighting is the fact; the retaking is only aimed at.
    (_v(r"(?:battle|fight|struggle|offensive|counter-?offensive|campaign|operation|push|drive|assault|attack|bid|counter-?attack)s?(?:\s+(?:on|late\s+on|early\s+on|this|last|at|overnight)(?:\s+\w+)?)?\s+to\s+(?:retake|recapture|liberate|free|reclaim|clear|regain|take\s+back|win\s+back)"), "contested", "contest"),
    # --- holds: state phrases ("in the hands of", "under ISIS control", "ISIS-held")
    (r"\bin\s+the\s+hands\s+of\b", "holds", "state_right"),
    (r"\bin\s+the\s+(?:grip|clutches|grasp)\s+of\b", "holds", "state_right"),
    (r"\bin\s+(?:the\s+)?(?P<actor_in>" + _ACTOR_WORDS + r")['’]s?\s+(?:grip|clutches|grasp)\b", "holds", "state"),
    # "Mosul slipped out of government control"
    (r"\b(?:slipped|slips|slip|slipping|fell|falls|passed|passes)\s+out\s+of\s+(?:the\s+)?(?P<actor_in>" + _ACTOR_WORDS + r")(?:['’]s)?\s+control\b", "lost", "state"),
    (r"\b(?:came|come|comes|coming|fell|fallen|falls|falling)\s+under\s+the\s+control\s+of\b", "captured", "state_right"),
    (r"\bunder\s+the\s+(?:full\s+|complete\s+|total\s+|firm\s+|effective\s+|nominal\s+)?control\s+of\b", "holds", "state_right"),
    (r"\b(?:remain|remains|remained|stay|stays|stayed)\s+(?:firmly\s+|safely\s+)?(?:with|in\s+the\s+hands\s+of)\b", "holds", "state_right"),
    (r"\bin\s+(?:the\s+)?(?P<actor_in>[\w'’.-]+(?:\s+[\w'’.-]+)?)\s+hands\b", "holds", "state"),
    (r"\b(?:came|come|comes|coming|fell|fallen|falls|falling)\s+under\s+(?:the\s+)?(?P<actor_in>" + _ACTOR_WORDS + r")\s+control\b", "captured", "state"),
    (r"\boutside\s+(?:the\s+)?(?P<actor_in>" + _ACTOR_WORDS + r")\s+control\b", "holds", "state_neg"),
    (r"\bunder\s+(?:the\s+)?(?P<actor_in>" + _ACTOR_WORDS + r")\s+control\b", "holds", "state"),
    # "Tal Afar, one of the last strongholds of the Islamic State": the holder comes after.
    (r"\b(?:stronghold|strongholds|bastion|bastions|redoubt|redoubts|bases?|enclaves?)\s+(?:held\s+by|of)\s+(?=(?:the\s+)?[\w'’.-]+)", "holds", "stronghold_of"),
    (r"\b(?:an?|the|its|their)\s+(?P<actor_in>" + _ACTOR_WORDS + r")\s+(?:stronghold|bastion)s?\b(?:\s+of)?", "holds", "stronghold"),
    (r"(?P<actor_in>\b" + _ACTOR_WORDS + r")['’]s?\s+(?:(?:main|last|key|chief|remaining|final)\s+)?(?:stronghold|bastion)s?\b", "holds", "stronghold"),
    # "Raqqa, the group's self-declared capital", "the de facto capital of the caliphate"
    (r"\b(?:de\s+facto|self-declared|self-styled|self-proclaimed)\s+capital\s+of\s+(?=(?:the\s+)?[\w'’.-]+)", "holds", "stronghold_of"),
    (r"(?:\b(?:an?|the|its|their)\s+)?(?P<actor_in>" + _ACTOR_WORDS + r")['’]s?\s+(?:(?:de\s+facto|self-declared|self-styled|self-proclaimed|main|last|key|chief)\s+)?(?:capital|headquarters)\b(?!\s+of)", "holds", "stronghold"),
    (r"(?P<actor_in>\b[\w.'’]+(?:[\s/-][\w.'’]+)?(?:/[\w.'’]+)?)-(?:held|controlled|occupied|run)\b", "holds", "adjective"),
    (r"\bno\s+(?P<actor_in>" + _ACTOR_WORDS + r")\s+(?:remain|remained|remains|are\s+left|were\s+left|is\s+left|are\s+present|were\s+present|left)\s+(?:in|inside)\b", "holds", "state_none"),
    # --- captured: "declared X liberated", "declared victory in X"
    (r"\b(?:declared|announced|pronounced|proclaimed|declares|announces|proclaims|declaring|announcing)\s+(?P<obj>[^.;]{1,60}?)\s+(?:(?:fully|completely|totally|officially)\s+)?(?:liberated|freed|retaken|recaptured|cleared|(?:back\s+)?under\s+(?:\w+\s+){0,2}?control)\b", "captured", "declared"),
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
    (_v(r"(?:hold|grip|control|stranglehold)\s+(?:on|over)"), "holds", "nominal"),
    (_v(r"(?:the\s+)?(?:battle|fight|struggle|offensive|campaign)\s+(?:of|to\s+(?:retake|recapture|liberate|free))"), "contested", "contest"),
    (_v(r"(?:the\s+)?(?P<loser>[\w'’.-]+(?:\s+[\w'’.-]+)?)(?:['’]s)?\s+(?:withdrawal|retreat|pullout|pull-out|flight)\s+from"), "lost", "nominal_loss"),
    # "the withdrawal of the soldiers of the Islamic State from Manbij"
    (_v(r"(?:withdrawal|retreat|pullout|pull-out|flight)\s+of\s+(?P<loser>[^,.;]{3,50}?)\s+from"), "lost", "nominal_loss"),
    # "ISIS fighters left the city for Jarabulus": a place left behind
    (r"\bleft\s+(?=(?-i:the\s+(?:city|town|village|area|district)\b(?!\s+in\s+ruins)|[A-Z][a-z]))", "lost", "active"),
    # --- lost
    (_v(r"(?:lost|lose|loses|losing)\s+(?:full\s+|all\s+|effective\s+)?control\s+(?:of|over)"), "lost", "active"),
    (_v(r"(?:were|was|been|being|got)\s+(?:\w+ly\s+)?(?:driven|pushed|forced|chased|kicked|expelled|ousted|ejected|routed)\s+(?:out\s+of|from)"), "lost", "active"),
    # note style: "ISIS pushed out of the town in late Feb."
    (_v(r"(?:driven|pushed|forced|chased|kicked|flushed)\s+out\s+of"), "lost", "active"),
    (_v(r"(?:withdrew|withdrawn|withdraw|withdrawing|withdraws|retreated|retreat|retreating|pulled\s+out|pull\s+out|pulling\s+out|pulls\s+out|fled|flee|fleeing|flees|evacuated|evacuate|melted\s+away)[\"”’']?(?:\s+\w+ly[\"”’']?)?\s+(?:from|of)"), "lost", "active"),
    (_v(r"abandoned|abandon|abandons|abandoning|lost|lose|loses|losing|ceded|cede|surrendered|gave\s+up|give\s+up|evacuated|deserted|vacated"), "lost", "active"),
    (_v(r"(?:pulled|pull|pulls|pulling)\s+out|withdrew|retreated|fled|melted\s+away|collapsed|surrendered|capitulated"), "lost", "left"),
    # "The defenders of Haditha held firm", "Kobani's defenders held their ground"
    (_v(r"(?:held|hold|holds|holding)\s+(?:firm|fast|out|on|their\s+ground|its\s+ground|the\s+line)\b(?:\s+(?:in|inside|at|to)\b)?"), "holds", "held_out"),
    # "since the army left in June": intransitive, right after a force.
    (r"(?:(?<=\barmy\s)|(?<=\btroops\s)|(?<=\bsoldiers\s)|(?<=\bforces\s)|(?<=\bpolice\s)|(?<=\bgarrison\s)|(?<=\bpeshmerga\s)|(?<=\bmilitants\s)|(?<=\bfighters\s)|(?<=\bjihadists\s))left(?=\s*(?:[,.;]|$|\s+(?:in|on|at|after|before|when|as|last|this|early|late|overnight|without)\b))", "lost", "left"),
    # --- besieged
    (_v(r"(?:lay|laid|laying|lays)\s+siege\s+to"), "besieged", "active"),
    # "Our forces continue to besiege the Daesh gangs in Shirqat": the enemy, then the place.
    (_v(r"(?:besiege|besieged|besieging|besieges|surround|surrounded|surrounding|surrounds|encircle|encircled|encircling|encircles|trapped|trapping|trap)\s+(?:the\s+|hundreds\s+of\s+|dozens\s+of\s+|remaining\s+|some\s+)?(?P<loser>" + _ACTOR_WORDS + r")\s+(?:in|inside|holed\s+up\s+in)"), "besieged", "besiege_in"),
    (_v(r"(?:the\s+)?(?:siege|blockade)\s+(?:of|on|around)|encirclement\s+of"), "besieged", "nominal"),
    (r"\bunder\s+(?:an?\s+|the\s+)?(?P<actor_in>" + _ACTOR_WORDS + r")\s+(?:siege|blockade|encirclement)\b", "besieged", "state"),
    (_v(r"under\s+siege"), "besieged", "state"),
    # "tightened their noose around Amerli"
    (_v(r"(?:tighten|tightened|tightening|tightens|closed|closing|close|closes)\s+(?:the|their|its|a)\s+(?:noose|cordon|ring|encirclement|siege|net)\s+(?:around|on|round)"), "besieged", "active"),
    (_v(r"besiege|besieged|besieging|besieges|surround|surrounded|surrounding|surrounds|encircle|encircled|encircling|encircles|cut\s+off"), "besieged", "active"),
    # --- threatened
    (_v(r"(?:threaten|threatened|threatening|threatens|vowed|vow|vows|pledged|promised)\s+to\s+(?:march|advance|move|push|attack|storm|drive|head|sweep)\s+(?:on|to|toward|towards|into|against)?"), "threatened", "active"),
    (_v(r"(?:advance|advanced|advancing|advances|march|marched|marching|marches|push|pushed|pushing|pushes|pressed|pressing|press|presses|moving|moved|move|moves|headed|heading|head|converging|converged|bearing\s+down|bore\s+down|closing\s+in|closed\s+in|close\s+in|closes\s+in|encroaching|encroached|edging|edged|inching|inched)(?:\s+(?:north|south|east|west|northeast|northwest|southeast|southwest|north-east|north-west|south-east|south-west)(?:ward|wards)?)?(?:\s+from\s+[^,.;]{2,30}?)?(?:\s+(?:down|up|along|across)\s+(?:the\s+)?[\w-]+(?:\s+[\w-]+)?)?\s+(?:on\s+(?:toward|towards|to)|on|toward|towards|upon|in\s+on)"), "threatened", "active"),
    (_v(r"(?:pose|posed|poses|posing)\s+(?:an?\s+)?(?:\w+\s+)?threat\s+to"), "threatened", "active"),
    (_v(r"(?:the\s+)?(?:march|advance|push|drive)\s+(?:on|toward|towards)"), "threatened", "nominal"),
    (_v(r"within\s+(?:striking|shelling|artillery)\s+(?:distance|range)\s+of"), "threatened", "active"),
    # "Militants were poised to attack Haditha": the threat is the fact
    (_v(r"poised\s+to\s+(?:attack|storm|take|enter|seize|capture|overrun|strike|advance\s+on|march\s+on|move\s+on)"), "threatened", "active"),
    # "ISIS fighters were reported just 10 miles from Baquba"
    (_v(r"(?:are|is|were|was|now|reported|stood|stand|standing|camped|dug\s+in)\s+(?:now\s+)?(?:just|only|some|about|barely|roughly|around)\s+[\w.-]+\s+(?:miles?|km|kilomet(?:re|er)s)\s+(?:from|of|outside)"), "threatened", "within_reach"),
    # "The militants are now within 60 miles of Baghdad", "less than an hour's drive from"
    (_v(r"(?:are|is|were|was|got|get|gets|came|come|comes|advanced|advancing|advance|advances|moved|moving|pushed|pushing|push|closed|closing)\s+(?:(?:now|already|still|reportedly|just)\s+)?(?:(?:to|in)\s+)?(?:within|less\s+than|fewer\s+than)\s+(?:about\s+|some\s+|roughly\s+|only\s+|just\s+)?(?:an?\s+|[\w.-]+\s+){1,2}?(?:miles?|km|kilomet(?:re|er)s|hour['’]?s['’]?\s+drive|minutes['’]?\s+drive)\s+(?:of|from)"), "threatened", "within_reach"),
    (_v(r"(?:reached|reach|reaching|knocking\s+on|knocked\s+on|(?:is|are|was|were|now|stood|stand|standing)\s+at)\s+the\s+(?:outskirts|edge|gates|doors?|doorstep|fringes)\s+of"), "threatened", "active"),
    # "militants massing on the outskirts of Samarra"
    (_v(r"(?:massing|massed|amassing|amassed|gathering|gathered|regrouping|regrouped|concentrating|concentrated|building\s+up|built\s+up)\s+(?:(?:their\s+|its\s+)?(?:forces|fighters|troops|men)\s+)?(?:on\s+the\s+outskirts\s+of|near|outside|around|at\s+the\s+edge\s+of|just\s+outside|close\s+to)"), "threatened", "active"),
    (_v(r"threaten|threatened|threatening|threatens|menace|menaced|menacing|menaces|approached|approaching|approach|approaches|imperil|imperiled|imperilled|endanger|endangered"), "threatened", "active"),
    # "after the army abandoned its bases there": the place just named
    (_v(r"(?:abandoned|abandon|abandoning|deserted|fled|left|vacated)\s+(?:their|its)\s+(?:\w+\s+)?(?:posts|positions|bases|barracks|checkpoints|stations|headquarters)(?:\s+there)?\b(?!\s+(?:in|at|around|across|inside)\b)"), "lost", "left"),
    # "Police abandoned their posts in Tikrit"
    (_v(r"(?:abandoned|abandon|abandoning|deserted|deserting|fled|left|leaving|vacated)\s+(?:their|its|all\s+their)\s+(?:\w+\s+)?(?:posts|positions|bases|barracks|checkpoints|stations|headquarters|garrison)\s+(?:in|at|around|across|inside)"), "lost", "active"),
    # "Government forces are back in Tikrit"
    (_v(r"(?:are|is|were|was)\s+(?:now\s+|firmly\s+)?back\s+in(?!\s+control)"), "holds", "active"),
    # --- holds, verbs
    # "The militants have been holed up in Hajin for months"
    (_v(r"(?:holed|holing)\s+up\s+(?:in|inside)|(?:entrenched|barricaded|dug\s+in)\s+(?:in|inside)"), "holds", "active"),
    (_v(r"(?:remain|remains|remained|stay|stays|stayed)\s+(?:firmly\s+)?in\s+control\s+of"), "holds", "active"),
    (_v(r"(?:remain|remains|remained|stay|stays|stayed|are\s+still|were\s+still|is\s+still)\s+(?:inside|in)"), "holds", "active"),
    (_v(r"(?:(?:is|are|was|were|be|been)\s+(?:still\s+|now\s+|firmly\s+|largely\s+)?in|retain|retained|retains|keep|kept|keeps|maintain|maintained|maintains|has|have|had)\s+(?:full\s+|firm\s+|effective\s+|total\s+)?control\s+(?:of|over)"), "holds", "active"),
    # "Here in Kirkuk, the peshmerga have been in control since June": the place is named before.
    (_v(r"(?:(?:have|has|had)\s+been|(?:is|are|was|were|remain|remains|remained)(?:\s+still)?)\s+(?:firmly\s+|fully\s+|now\s+|still\s+)?in\s+(?:full\s+|firm\s+|effective\s+|sole\s+|complete\s+|total\s+)?control(?!\s+of|\s+over)"), "holds", "control_here"),
    # SANA's "army units restored security and stability to Ghweiran neighbourhood"
    (_v(r"(?:restored|restore|restores|restoring|re-established|reestablished|imposed)\s+(?:\w+\s+){0,2}?(?:security|control|order|stability|calm|state\s+authority)(?:\s+and\s+(?:security|stability|order|calm))?\s+(?:to|in|over|across)"), "captured", "active"),
    # "the recapture leaves ISIS in control of Tal Afar", "with the army in control of"
    (_v(r"in\s+(?:full\s+|firm\s+|effective\s+|sole\s+|complete\s+|total\s+|nominal\s+)?control\s+of"), "holds", "active"),
    (_v(r"(?:(?:is|are|was|were|been|be|remain|remains|remained)\s+(?:(?:still|now|firmly|fully|effectively)\s+){0,2}in\s+charge\s+of|(?:hold|holds|held|holding)\s+sway\s+(?:in|over|across)|(?:ruled|rules|governed|governs|administers|administered)(?!\s+out\b))"), "holds", "active"),
    (_v(r"retain|retains|retained|retaining|control|controls|controlled|controlling|hold|holds|held|holding|occupy|occupies|occupied|occupying|guard|guards|guarded|guarding|secured|secure|secures|securing|run\s+by|defend|defended|defends|defending"), "holds", "active"),
    # --- contested
    (_v(r"(?:fighting|fight|fights|fought|clashes|clash|clashed|clashing|battle|battles|battled|battling|struggle|firefights?|skirmishes|combat|gunbattles?|gun\s+battles?|shelling|airstrikes|air\s+strikes|strikes|bombardment|offensive|counter-?offensive|counterattack|counter-attack|assault|assaults|attack|attacks|raid|raids|push|operation|operations)(?:\s+between\s+[^,.;]{3,60}?(?=\s+(?:in|near|around|on|for|inside|outside|at|have|has|had|is|are|was|were|raged|erupted|broke|continued|flared)\b))?(?:\s+(?:(?:have|has|had|is|are|was|were)\s+)?(?:now\s+|still\s+|\w+ly\s+)?(?:raged|raging|rages|rage|continue|continues|continuing|went\s+on|goes\s+on|going\s+on|under\s+way|underway|ongoing|taking\s+place|took\s+place|erupted|broke\s+out|continued|intensified|flared|spread|resumed|(?:was|were|have\s+been|had\s+been)\s+reported))?(?:\s+between\s+[^,.;]{3,60}?(?=\s+(?:in|near|around|inside|outside|at)\s+[A-Z]))?\s+(?:in\s+and\s+around|in|near|around|for|over|on|at|outside|against|inside|across|close\s+to|on\s+the\s+(?:\w+\s+)?(?:outskirts|edges?|fringes)\s+of|to\s+(?:retake|recapture|reclaim|liberate|take|free))"), "contested", "contest"),
    # The place as subject: "Baiji has seen heavy fighting", "Saadiya remains contested",
    # "control of the town changed hands twice".
    (_v(r"(?:saw|seen|sees|see|witnessed|witnesses|experienced|endured|been\s+the\s+(?:scene|site|focus)\s+of|been\s+(?:at\s+)?the\s+(?:centre|center|heart)\s+of|been\s+rocked\s+by)\s+(?:[\w-]+\s+){0,3}?(?:fighting|clashes|battles?|combat|firefights?|skirmishes|street\s+battles|gunfights?)"), "contested", "contest_left"),
    (_v(r"(?:remains?|remained|is|are|was|were|has\s+been|have\s+been|had\s+been|came|comes|come)\s+(?:still\s+|now\s+|again\s+)?under\s+(?:\w+\s+)?(?:attack|assault)\b(?!\s+from\s+the\s+air)"), "contested", "contest_left"),
    (_v(r"(?:remains?|remained|is|are|was|were|still|became|become|has\s+been|have\s+been)\s+(?:\w+ly\s+)?(?:contested|disputed|a\s+(?:front\s*line|battlefield|battleground|war\s+zone))|changed\s+hands|changes\s+hands|change\s+hands|(?:been|was|were|is|are|being)\s+(?:\w+ly\s+)?fought\s+over|(?<=[—–:] )(?:contested|front\s*line|frontline)"), "contested", "contest_left"),
    # "Around Baiji and its refinery, fighting has gone on since June": a fronted place.
    (_v(r"(?:fighting|clashes|battles|combat|skirmishes)(?:\s+between\s+[^,.;]{3,60}?)?\s+(?:(?:has|have|had)\s+)?(?:\w+ly\s+)?(?:gone\s+on|went\s+on|continued|raged|persisted|dragged\s+on|flared|erupted|broken\s+out|broke\s+out|resumed|intensified|took\s+place)(?!\s+(?:in|around|near|at|inside|outside|on)\b|\s+for\s+(?:the\s+)?(?:control|possession)\b)"), "contested", "contest_fronted"),
    # "Fighting has spread to Baquba", "the front line now runs through Ramadi",
    # "troops and militants exchanged fire in Haditha", "pockets of resistance remain in Mosul"
    (_v(r"(?:fighting|clashes|battles?|the\s+fight|combat)\s+(?:(?:has|have|had)\s+)?(?:now\s+)?(?:spread|spreads|spreading|moved|shifted|shifts)\s+(?:to|into)|front\s*-?lines?\s+(?:now\s+)?(?:runs?|ran|lies|lay|is|are|was|passes|passed)\s+(?:through|in|inside|along|at|near|around|across)|(?:exchanged|exchanging|exchange|traded|trading|trade)\s+(?:heavy\s+|sporadic\s+)?(?:fire|gunfire)\s+(?:in|near|around|inside|outside|on\s+the\s+outskirts\s+of)|(?:pockets\s+of\s+)?resistance\s+(?:remains?|remained|continues?|continued|persists?|persisted)\s+(?:in|inside|around)"), "contested", "contest"),
    # "In Dhuluiya, tribal fighters have been fighting off militant assaults for a week"
    (_v(r"(?:fought|fighting|fight|fights|held|holding|hold|holds|beat|beaten|beating|fended|fending|fend|fends)\s+off\s+(?:an?\s+|the\s+|repeated\s+|several\s+|\w+\s+){0,3}?(?:attacks?|assaults?|offensives?|advances?|onslaughts?)|(?:repelled|repulsed|repel|repels|repelling|repulsing|thwarted|foiled)\s+(?:an?\s+|the\s+|repeated\s+|several\s+|\w+\s+){0,3}?(?:attacks?|assaults?|offensives?|advances?|onslaughts?)(?!\s+(?:on|against)\b)"), "contested", "contest_defended"),
    # "were fighting the group inside Albu Kamal": the enemy between the verb and the place.
    (_v(r"(?:fighting|fought|battling|battled|clashing|clashed\s+with|engaging|engaged)\s+(?:the\s+|its\s+|their\s+)?(?:[\w-]+\s+){1,3}?(?:in|inside|around|near|for|at|on\s+the\s+(?:\w+\s+)?(?:outskirts|edges?|fringes)\s+of)"), "contested", "contest"),
    # "Mosul was declared liberated by Iraqi forces in July"
    (_v(r"(?:was|were|been|is|are|being)\s+(?:\w+ly\s+)?(?:declared|announced|pronounced)\s+(?:\w+ly\s+)?(?:liberated|freed|retaken|recaptured|cleared)"), "captured", "declared_passive"),
    (r"(?i)(?:\bnear|\bin|\boutside)\s+(?P<obj>[^,.;]{2,40})(?:,[^,.;]{1,60})?,\s+(?:\w+\s+){0,2}(?:air\s*)?strikes?\b", "contested", "strikes_near"),
    (_v(r"(?:pushed|pushing|advanced|advancing|moved|fought|broke|battled|punched)\s+(?:deep\s+|deeper\s+|further\s+|farther\s+|their\s+way\s+|its\s+way\s+)?(?:into|through)"), "contested", "contest"),
    (_v(r"attacked|attack|attacks|attacking|assaulted|assault|bombarded|raided|came\s+under\s+(?:attack|fire|assault)|fired\s+(?:\w+\s+){0,3}?(?:at|on|into)|struck|strike|striking|pounded|pounding|hit\s+targets|fought\s+(?:their|its|his)\s+way\s+(?:into|to|through)"), "contested", "contest_verb"),
]
# fmt: on

_TRIGGER_RES = [(re.compile(rx, re.I), kind, frame) for rx, kind, frame in _TRIGGERS]

# Past participles of the active triggers: with a "be" auxiliary or "by" they are passive.
_PASSIVE_AUX_RE = re.compile(
    r"\b(?:was|were|is|are|been|being|be|get|got|gets|remain|remains|remained|stay|stayed|"
    r"left|became|become)\s+(?:\w+ly\s+|not\s+|never\s+|also\s+|still\s+|now\s+|already\s+|yet\s+)*$",
    re.I,
)
_PARTICIPLE_RE = re.compile(
    r"(?:ed|en|wn|run|held|lost|taken|overrun|retaken|cut\s+off|won\s+back|run\s+by)$", re.I
)

# Words that end a clause for the right-hand window of a trigger.
_CLAUSE_BREAK_RE = re.compile(
    r"[;:()\[\]—–]|\s-\s|,\s*(?:which|who|whose|where|when|while|but|as|after|before|killing|"
    r"forcing|sending|according|said|says|officials|leaving|prompting|despite)\b|"
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
    r"^\s*(?:,\s*(?:and\s+|or\s+|nor\s+|as\s+well\s+as\s+)?|and\s+|or\s+|nor\s+|as\s+well\s+as\s+|&\s+)"
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
    r"(?:(?:in|at|near|around|outside|inside|on|into|toward|towards|to|on\s+the\s+outskirts\s+of)\s+(?:the\s+)?)?"
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
    r"help|used|rushed|hurried|first|second|third|last|only|latest|next)\s+(?:[\w-]+\s+){0,4}?to\s+(?:\w+\s+){0,1}$",
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

# --- distance patterns --------------------------------------------------------------------
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
    rf"(?P<qual>{_QUAL}(?:\s+{_QUAL})?\s+)?"
    rf"(?P<num>{_NUM})(?:\s*(?:-|–|to|or|and)\s*(?P<num2>{_NUM}))?"
    rf"(?P<hyph>[\s-]*)(?P<unit>{_UNIT})\b\.?"
    rf"(?:\s*\((?:about\s+|some\s+|roughly\s+|around\s+|nearly\s+)?{_NUM}(?:\s*(?:-|–|to)\s*{_NUM})?\s*{_UNIT}\.?\))?"
    rf"(?P<tail>(?:\s+(?:drive|ride|trip|journey|walk|flight|away|or\s+so|further|farther|by\s+road|upstream|downstream|upriver|downriver|up\s+the\s+road|down\s+the\s+road|up\s+the\s+river|down\s+the\s+river|up\s+the\s+valley|down\s+the\s+valley|"
    rf"as\s+the\s+crow\s+flies|due))*)"
    rf"(?:\s+(?P<to_the>to\s+the|to\s+its|in\s+the)?\s*(?P<bearing>{_BEARING})(?:ward|wards)?)?"
    rf"(?:\s+(?P<prep>of|from|outside|beyond|past|off|inside|in)\b)?",
    re.I,
)
_LINK_RE = re.compile(
    # "Hawija town, located some 55 km ...", "the Shura sub-district, 35 km south of Mosul"
    r"^\s*(?:(?:town|city|village|district|sub-?district|camp|province|governorate|area|"
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


def extract_claims(
    article: Article,
    mentions: list[Mention],
    gazetteer: Gazetteer,
    actors: Actors,
    tokens: list[Token] | None = None,
) -> tuple[list[ControlClaim], list[DistanceClaim]]:
    """All control and distance claims in an article, from its place mentions."""
    sentences = _sentences(article, mentions, actors, gazetteer, tokens)
    spans: list[tuple[int, int]] = []
    distance = extract_distance_claims(article, sentences, gazetteer, spans)
    # Places inside a distance phrase ("18 miles from Diyala's capital, Baquba") are landmarks.
    spans.sort()
    starts = [a for a, _ in spans]

    def in_span(pos: int) -> bool:
        k = bisect.bisect_right(starts, pos) - 1
        return k >= 0 and pos < spans[k][1]

    masked = {(m.start, m.end) for m in mentions if in_span(m.start)}
    # "... from Diyala's capital, Baquba": the name set beside a masked description too.
    ends = {(m.end + k, m.place) for m in mentions if (m.start, m.end) in masked for k in range(4)}
    for m in mentions:
        if (m.start, m.place) in ends:
            masked.add((m.start, m.end))
    control = extract_control_claims(article, sentences, gazetteer, masked)
    if "syrian-government" in actors.actors:
        control = [_state_of_place(c, gazetteer) for c in control]
    return control, distance


def _state_of_place(claim: ControlClaim, gaz: Gazetteer) -> ControlClaim:
    """ "government troops recaptured Palmyra": in Syria the generic government is Syria's."""
    if (
        claim.actor == "iraqi-government"
        and gaz[claim.place].countries[:1] == ("SY",)
        and not re.search(r"\b(?:Iraq|Iraqi|Iraqis|Baghdad)\b", claim.quote)
    ):
        return replace(claim, actor="syrian-government")
    return claim


# "the city", "the town": a place named just before. Not "the city of X" (X is named).
_ANAPHOR_RE = re.compile(
    r"\b(?:[Tt]he\s+(?:[a-z]+[\s-]+|[A-Z]+-[a-z]+\s+){0,2}?|[Tt]his\s+(?:(?!area\b)[a-z]+[\s-]+){0,2}?)(?P<noun>provincial\s+capital|city|town|village|district|base|refinery|dam|province|airbase|airport|compound|complex|facility|plant|(?<=[Tt]his\s)area)\b"
    # "the oil refinery town": a noun that only qualifies the one after it
    r"(?![\s-]+(?:town|city|village|district)\b)"
    # "the town's airport" names the airport, not the town
    r"(?!\s+(?:of(?!\s+(?:about|some|roughly|around|nearly|more|over|\d))|council|hall|limits|itself\s+of)|['’]s\s+(?:\w+\s+)?(?:airport|airbase|air\s+base|"
    r"refinery|dam|base|prison|citadel|university)\b)",
)
_ANAPHOR_KINDS = {
    "provincial capital": ("city", "town"),
    "city": ("city", "town"),
    "town": ("town", "city", "village"),
    "village": ("village", "town"),
    "district": ("district", "town", "city"),
    "area": ("town", "city", "village", "district", "facility"),
    "base": ("facility",),
    "airbase": ("facility",),
    "airport": ("facility",),
    "refinery": ("facility",),
    "dam": ("facility",),
    "province": ("province",),
    "compound": ("facility",),
    "complex": ("facility",),
    "facility": ("facility",),
    "plant": ("facility",),
}


def _sentences(
    article: Article,
    mentions: list[Mention],
    actors: Actors,
    gaz: Gazetteer | None = None,
    tokens: list[Token] | None = None,
) -> list[_Sentence]:
    text = article.text
    spans = split_sentences(text)
    out: list[_Sentence] = []
    mi = 0
    ms = sorted(mentions, key=lambda m: m.start)
    # Actors are found once per article (one tokenisation), then dealt out to sentences.
    all_actors = actors.find(text, tokens=tokens)
    ai = 0
    for s, e in spans:
        while mi < len(ms) and ms[mi].start < s:
            mi += 1
        mj = mi
        while mj < len(ms) and ms[mj].end <= e:
            mj += 1
        chunk = text[s:e]
        while ai < len(all_actors) and all_actors[ai].start < s:
            ai += 1
        aj = ai
        while aj < len(all_actors) and all_actors[aj].end <= e:
            aj += 1
        acts = tuple(all_actors[ai:aj])
        ai = aj
        ours = list(_OUR_FORCES_RE.finditer(chunk))
        if ours:
            acts = _with_our_forces(ours, s, acts, all_actors)
        his = list(_HIS_MEN_RE.finditer(chunk))
        if his:
            acts = _with_his_men(his, s, acts, out)
        # A name inside a longer one ("Anbar" in "the capital of Anbar province") is not a
        # claim's place of its own.
        here = [
            t
            for t in ms[mi:mj]
            if not any(
                o is not t
                and o.start <= t.start
                and t.end <= o.end
                and (o.end - o.start) > (t.end - t.start)
                for o in ms[mi:mj]
            )
        ]
        if gaz is not None:
            here = _with_anaphors(article, chunk, s, here, out, gaz, acts)
        out.append(_Sentence(s, e, chunk, tuple(here), acts, _line_topic(text, s, out, here)))
        mi = mj
    return out


_TOPIC_HEAD_RE = re.compile(r"[ \t]*(?:[-•*·▪][ \t]+)?")
_TOPIC_DASH_RE = re.compile(r"[ \t]*(?:[—–:]|-(?=\s))[ \t]*")


def _line_topic(text: str, start: int, previous: list, here: list) -> Mention | None:
    """The place a line opens with ("Garma — Contested."), for every sentence on that line."""
    if previous and text.find("\n", previous[-1].start, start) < 0:
        return previous[-1].topic  # a later sentence of the same line
    # The line starts after the last newline before this sentence (bounded: the previous
    # sentence's start, so a file with one huge line stays linear).
    lo = previous[-1].start if previous else 0
    line_start = text.rfind("\n", lo, start) + 1 if previous else text.rfind("\n", 0, start) + 1
    head = _TOPIC_HEAD_RE.match(text, line_start)
    first = here[0] if here else None
    if first is None or first.start != head.end() or first.via == "anaphora":
        return None
    return first if _TOPIC_DASH_RE.match(text, first.end) else None


def _fragment_topic(sent: _Sentence, ts: int) -> list[Mention]:
    """ "Encircled by ISF since late 2015", "City recaptured by CTS": a note's fragment
    without a subject is about the place its line opens with."""
    if sent.topic is None:
        return []
    before = _gap(sent, sent.start, ts)
    frag = re.split(r"[.;:—–]", before)[-1]
    if re.fullmatch(
        r"\s*(?:(?:the\s+)?(?:city|town|village|district|area|it|dam|base)\s+)?"
        r"(?:(?:is|was|has\s+been|had\s+been|now|still|since\s+\S+|remains|remained|stays|\w+ly)\s+)*",
        frag,
        re.I,
    ):
        return [sent.topic]
    return []


_OUR_FORCES_RE = re.compile(
    r"\bour\s+(?:(?:heroic|brave|valiant|security|armed|own)\s+)?(?:forces|troops|fighters|units|"
    r"soldiers|men|heroes|army|peshmerga)\b",
    re.I,
)


def _with_our_forces(ours, s0, acts, all_actors) -> tuple[ActorMention, ...]:
    """ "our forces": the speaker's side, named as the source after the quote ("a police
    colonel told AFP") or, in a statement, the first side the document names."""
    out = list(acts)
    for m in ours:
        start, end = m.start() + s0, m.end() + s0
        close = re.search(r"[\"”]", m.string[m.end() :])
        quote_end = end + close.end() if close else None
        after = [
            a for a in acts if quote_end is not None and a.start >= quote_end and a.actor != "isis"
        ]
        named = [a for a in all_actors if a.actor != "isis"]
        side = after[0].actor if after else (named[0].actor if named else None)
        if side is not None and not any(a.start < end and start < a.end for a in acts):
            out.append(ActorMention(side, start, end, m.group()))
    return tuple(sorted(out, key=lambda a: a.start))


_HIS_MEN_RE = re.compile(
    r"\b(?:his|her)\s+(?:own\s+)?(?:men|fighters|forces|troops|units|followers|militiamen)\b", re.I
)


def _with_his_men(found, s0, acts, previous) -> tuple[ActorMention, ...]:
    """ "the Badr leader Hadi al-Amiri ... after his men retook Udhaim": the side of the
    leader named just before, in this sentence or the one before."""
    out = list(acts)
    for m in found:
        start, end = m.start() + s0, m.end() + s0
        if any(a.start < end and start < a.end for a in acts):
            continue
        before = [a for a in acts if a.end <= start] or (
            list(previous[-1].actors) if previous else []
        )
        if before:
            out.append(ActorMention(before[-1].actor, start, end, m.group()))
    return tuple(sorted(out, key=lambda a: a.start))


def _with_anaphors(article, chunk, s0, here, previous, gaz, acts=()) -> list[Mention]:
    """Add "the city"/"the town" as mentions of the place they refer back to.

    Preference: a place written with the same noun ("the town of Baiji" for "the town"),
    nearest first; else the nearest place of a fitting kind that is not a landmark ("40 miles
    west of Mosul", "a spokesman in Baghdad"), in this sentence or the three before it.
    """
    added = []
    for m in _ANAPHOR_RE.finditer(chunk):
        start, end = m.start() + s0, m.end() + s0
        if any(t.start < end and start < t.end for t in here):
            continue  # part of a description such as "the Iraqi capital"
        noun = " ".join(m.group("noun").lower().split())
        kinds = _ANAPHOR_KINDS[noun]
        # "the provincial capital": only a province's capital can be meant.
        capitals = _provincial_capitals(gaz) if noun == "provincial capital" else None
        # Candidates nearest first: this sentence backwards, then earlier sentences.
        # "depends partly on Baghdad": a capital standing for its government is no antecedent.
        ordered: list[tuple[Mention, str, int]] = [
            (t, chunk, s0) for t in reversed(here) if t.end <= start and not _metonym(t, acts)
        ]
        for prev in reversed(previous[-_LOOKBACK:]):
            ordered += [
                (t, prev.text, prev.start) for t in prev.mentions if not _metonym(t, prev.actors)
            ]
        near = len([t for t in here if t.end <= start]) + sum(
            len(p.mentions) for p in previous[-1:]
        )
        window = near + sum(len(p.mentions) for p in previous[-3:-1])
        named, plain, far, filed = None, None, None, None
        for k, (t, text, base) in enumerate(ordered):
            if gaz[t.place].kind not in kinds:
                continue
            if _is_dateline(article.text, t):
                # "BAIJI, Iraq — Militants stormed the town": where the story was filed is
                # the referent only when nothing else fits.
                if filed is None and k < window:
                    filed = t
                continue
            if capitals is not None and t.place not in capitals:
                continue
            lead = text[max(0, t.start - base - 30) : t.start - base]
            follow = text[t.end - base : t.end - base + 30]
            if noun == "city" and re.search(r"\b(?:town|village)\s+of\s+$", lead, re.I):
                continue  # "retaking the town of Dhuluiya ... the city's edge": another place
            if re.match(
                r"\s+(?:axis|sector|front|operations?|command|road|highway|direction|governor)\b",
                follow,
                re.I,
            ):
                continue  # "the Qayyarah axis": the name only qualifies another noun
            is_named = t.via != "anaphora" and (
                re.search(rf"\b{noun}\s+of\s+$", lead, re.I)
                or noun in t.text.lower()
                or re.match(rf"\s+{noun}\b", follow, re.I)
            )
            if k < window:
                # "from the Iraqi city of Mosul" names a city, but only as a landmark.
                if (
                    is_named
                    and named is None
                    and k < near
                    and (
                        not re.search(_LANDMARK_LEAD, lead, re.I)
                        # "near the Tishrin Dam. The dam, ...": a facility named with its noun
                        or (gaz[t.place].kind == "facility" and noun in t.text.lower())
                    )
                ):
                    named = t
                if plain is None and not re.search(_LANDMARK_LEAD, lead, re.I):
                    plain = t
            elif is_named and far is None:
                far = t
        choice = named or plain or far or filed
        if choice is not None:
            added.append(Mention(article.id, choice.place, m.group(), start, end, "anaphora"))
    for m in _ITS_FACILITY_RE.finditer(chunk):
        # "captured Tabqa and its dam": the dam of the town just named, when the gazetteer
        # has one (tabqa-dam).
        start, end = m.start() + s0, m.end() + s0
        if any(t.start < end and start < t.end for t in here):
            continue
        pool = [t for t in reversed(here) if t.end <= start]
        if not m.group().lower().startswith("its"):
            for prev in reversed(previous[-2:]):  # "the city's military airport"
                pool += list(reversed(prev.mentions))
        owner = next((t for t in pool if gaz[t.place].kind in ("city", "town")), None)
        if owner is None:
            continue
        noun = re.sub(r"[\s-]+", " ", m.group("noun").lower())
        fac = next(
            (
                f
                for f in (gaz.get(f"{owner.place}-{x}") for x in _FACILITY_SUFFIX[noun])
                if f is not None and f.kind == "facility"
            ),
            None,
        )
        if fac is not None:
            added.append(Mention(article.id, fac.id, m.group(), start, end, "anaphora"))
    for m in _PLURAL_ANAPHOR_RE.finditer(chunk):
        # "drove the militants out of both towns": the last two towns named.
        start, end = m.start() + s0, m.end() + s0
        if any(t.start < end and start < t.end for t in here):
            continue
        want = _PLURAL_COUNTS[" ".join(m.group("n").lower().split())]
        kinds = _ANAPHOR_KINDS[_PLURAL_NOUNS[m.group("noun").lower()]]
        picked: list[Mention] = []
        if want == 2:
            # "Jalawla and Saadiya ... the two towns": a pair named together before.
            for text_, base, ms_ in [(chunk, s0, [t for t in here if t.end <= start])] + [
                (p.text, p.start, list(p.mentions)) for p in reversed(previous[-_LOOKBACK:])
            ]:
                pairs = [
                    (a, b)
                    for a, b in zip(ms_, ms_[1:], strict=False)
                    if a.place != b.place
                    and gaz[a.place].kind in kinds
                    and gaz[b.place].kind in kinds
                    and re.fullmatch(
                        r"\s*,?\s*and\s+(?:the\s+(?:town|city|village)\s+of\s+)?",
                        text_[a.end - base : b.start - base],
                        re.I,
                    )
                ]
                if pairs:
                    picked = list(reversed(pairs[-1]))
                    break
        pool = [t for t in reversed(here) if t.end <= start]
        for prev in reversed(previous[-3:]):
            pool += list(reversed(prev.mentions))
        for t in pool if not picked else ():
            if gaz[t.place].kind in kinds and all(t.place != q.place for q in picked):
                picked.append(t)
            if len(picked) == want:
                break
        if len(picked) == want:
            added += [
                Mention(article.id, t.place, m.group(), start, end, "anaphora")
                for t in reversed(picked)
            ]
    return sorted(here + added, key=lambda t: t.start)


_ITS_FACILITY_RE = re.compile(
    r"\b(?:[Ii]ts|[Tt]he\s+(?:city|town)['’]s)\s+(?:(?:main|nearby|sprawling|strategic|huge|giant|vast|"
    r"key|military|civilian|international)\s+)?"
    r"(?P<noun>dam|refinery|airport|air\s*base|airbase|border\s+crossing)\b"
)
_FACILITY_SUFFIX = {
    "dam": ("dam",), "refinery": ("refinery",), "airport": ("airport", "airbase"),
    "air base": ("airbase", "airport"), "airbase": ("airbase", "airport"),
    "border crossing": ("border-crossing",),
}  # fmt: skip


def _metonym(t: Mention, acts) -> bool:
    return any(a.start <= t.start and t.end <= a.end for a in acts)


_PLURAL_ANAPHOR_RE = re.compile(
    r"\b(?P<n>[Bb]oth|[Tt]he\s+two|[Tt]he\s+three)\s+(?:[a-z]+\s+)?(?P<noun>towns|cities|villages)\b"
)
_PLURAL_COUNTS = {"both": 2, "the two": 2, "the three": 3}
_PLURAL_NOUNS = {"towns": "town", "cities": "city", "villages": "village"}


def _provincial_capitals(gaz: Gazetteer) -> frozenset[str]:
    """Capitals of provinces, less the national capitals a report calls "the capital"
    (derived from "the capital of Iraq"): those are never "the provincial capital"."""
    national = {f.place for f in gaz.lookup(("the", "capital"))}
    return frozenset(p.capital for p in gaz if p.capital) - national


_LANDMARK_LEAD = (
    # "were driven from Jurf al-Sakhar" is about the place; "40 miles from Mosul" is not.
    r"(?:(?<!driven\s)(?<!pushed\s)(?<!expelled\s)(?<!ousted\s)(?<!withdrew\s)(?<!withdrawn\s)"
    r"(?<!retreated\s)(?<!evicted\s)(?<!freed\s)(?<!cleared\s)(?<!liberated\s)(?<!retook\s)"
    r"(?<!ccess\s)(?<!home\s)"
    r"\b(?:from|near|outside|toward|towards|to|linking|connecting|joining|between)\s+"
    # "battling to retake Ramadi" is about Ramadi: an infinitive is no preposition.
    r"(?!(?:re)?(?:take|capture|seize|storm|enter|claim|gain)\s|liberate\s|free\s|hold\s|"
    r"defend\s|protect\s|secure\s|control\s|attack\s|besiege\s|encircle\s|surround\s)"
    r"(?:the\s+)?(?:\w+\s+){0,1}|"
    r"\b(?:linking|connecting|joining|between)\s+[\w'’-]+(?:\s+[\w'’-]+)?\s+(?:with|and|to)\s+|"
    r"\b(?:from|near|outside|toward|towards)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?(?:city|town|village)\s+of\s+|"
    # "40 miles west of Mosul", "the stronghold of Mosul to Raqqa"; but "the recapture of
    # Fallujah" is about Fallujah.
    r"\b(?:north|south|east|west|northeast|northwest|southeast|southwest|north-east|north-west|"
    r"south-east|south-west|miles?|km|kilometres?|kilometers?|outskirts|edge|side|direction|"
    r"road|highway|route|border|stronghold|bastion|gates|heart|centre|center)\s+of\s+"
    r"(?:the\s+)?(?:\w+\s+){0,1}|"
    r"\b(?:spokesman|spokeswoman|official|officials|commander|correspondent|reporters?|"
    r"sources?|said|says|told|speaking|based|headquarters)\s+(?:\w+\s+)?(?:in|from)\s+)$"
)


# ---------------------------------------------------------------------------------------
# Control claims
# ---------------------------------------------------------------------------------------


def extract_control_claims(
    article: Article,
    sentences: list[_Sentence],
    gazetteer: Gazetteer,
    masked: set[tuple[int, int]] | None = None,
) -> list[ControlClaim]:
    """Control claims of every sentence; ``masked`` mention spans are landmarks, not targets."""
    masked = masked or set()
    claims: list[ControlClaim] = []
    seen: set[tuple] = set()
    by_place: dict[str, list[ControlClaim]] = {}

    def add(claim: ControlClaim) -> None:
        key = (claim.place, claim.actor, claim.kind, claim.negated, claim.hypothetical, claim.start)
        if key not in seen:
            seen.add(key)
            claims.append(claim)
            by_place.setdefault(claim.place, []).append(claim)

    first = previous_first = 0  # where this sentence's and the last one's claims begin
    for idx, sent in enumerate(sentences):
        previous_first, first = first, len(claims)
        targets = [
            m
            for m in sent.mentions
            if (m.start, m.end) not in masked
            and gazetteer[m.place].kind not in ("country", "water")
            and not _is_dateline(article.text, m)
        ]
        # A sentence without places may still claim one by pronoun: "It fell on Monday."
        if (
            not targets
            and not (idx > 0 and _IT_RE.search(sent.text))
            # "within 3km of Bashiqa, a town which the militants have held": a landmark
            # can still be the antecedent of a relative clause.
            and not (sent.mentions and _RELATIVE_RE.search(sent.text))
            and sent.topic is None
            and not (idx > 0 and _OUT_RE.search(sent.text))
            and not (sent.mentions and _WITHIN_RE.search(sent.text))
        ):
            continue
        taken: list[tuple[int, int]] = []
        for rx, kind, frame in _TRIGGER_RES:
            for m in rx.finditer(sent.text):
                ts, te = m.start() + sent.start, m.end() + sent.start
                if any(ts < e and s < te for s, e in taken):
                    continue
                found = _apply_frame(
                    m, kind, frame, sent, idx, sentences, targets, gazetteer, by_place
                )
                if found is None:
                    continue
                taken.append((ts, te))
                for place, actor, kind2, voice_hint in found:
                    if (
                        kind2 == "captured"
                        and actor is None
                        and (gazetteer[place.place].kind in AREA_KINDS)
                    ):
                        continue  # "the Recapture of Towns in Salahuddin": nobody, nowhere exact
                    claim = _claim(article, sent, m, place, actor, kind2, voice_hint, gazetteer)
                    if sent.text.rstrip().endswith("?") and not claim.hypothetical:
                        # "Does the group still pose a threat to Baghdad?": a question
                        # asserts nothing.
                        claim = replace(claim, hypothetical=True)
                    if frame == "adjective" and claim.hypothetical:
                        # "would not accept a corridor linking the PYD-held Kobani region": the
                        # modal governs the verb, not the place's description.
                        claim = replace(claim, hypothetical=False)
                    add(claim)
        # "pushed into Sulaiman Bek, which had been held by ISIS since June, and took it":
        # whoever held a place that another side took has lost it.
        here_claims = [c for c in claims[first:] if not c.negated and not c.hypothetical]
        for c in [c for c in here_claims if c.kind in ("captured", "lost")]:
            for extra in _capture_sides(c, sent, idx, sentences):
                if c.actor is None and extra.kind == c.kind:
                    # The speaker's side fills the agentless capture in place.
                    k = next(i for i in range(first, len(claims)) if claims[i] is c)
                    claims[k] = extra
                    group = by_place[c.place]
                    group[next(i for i, x in enumerate(group) if x is c)] = extra
                    seen.add(
                        (extra.place, extra.actor, extra.kind, extra.negated,
                         extra.hypothetical, extra.start)
                    )  # fmt: skip
                else:
                    add(extra)
        here_claims = [c for c in claims[first:] if not c.negated and not c.hypothetical]
        # "captured Tal Afar after two days of fighting": the place was fought over.
        fight = _AFTER_FIGHT_RE.search(sent.text)
        if fight is not None:
            for c in here_claims:
                if (
                    c.kind in ("captured", "lost")
                    and c.trigger
                    and sent.text.find(c.trigger) < fight.start()
                    and not any(
                        x.kind == "contested" and x.place == c.place for x in claims[first:]
                    )
                ):
                    add(replace(c, kind="contested", actor=None, trigger=fight.group()))
        for c in [c for c in here_claims if c.kind == "captured" and c.actor]:
            for h in here_claims:
                if (
                    h.kind == "holds"
                    and h.place == c.place
                    and h.actor
                    and h.actor != c.actor
                    and h.attributed_to == c.attributed_to  # one source, not two who disagree
                    and not any(
                        x.kind == "captured" and x.actor == h.actor and x.place == h.place
                        for x in here_claims
                    )
                ):
                    add(replace(h, kind="lost", trigger=c.trigger, date=c.date))
        # "The group said it had taken Rabia. A Kurdish official denied that, ...": the
        # claims of the sentence before, denied in this one.
        denial = _DENIED_THAT_RE.search(sent.text)
        if denial:
            # "... its fighters had taken the refinery; the ministry denied it": the claims
            # of this sentence before the denial, else those of the sentence before.
            same = [
                c
                for c in claims[first:]
                if not c.negated
                and not c.hypothetical
                and c.attributed_to
                and 0 <= sent.text.find(c.trigger or "\0") < denial.start()
            ]
            if not (same and re.search(r";|\bbut\b", sent.text[: denial.start()])):
                same = []
        if denial and (same or idx > 0):
            before_claims = same or [
                c
                for c in claims[previous_first:first]
                if not c.negated
                and not c.hypothetical
                and c.attributed_to  # one denies what someone claimed, not the narration
            ]
            source = _attribution(sent.text, _DENIED_THAT_RE.search(sent.text).start())
            for c in before_claims:
                add(
                    replace(
                        c,
                        negated=True,
                        quote=sent.text,
                        start=sent.start,
                        end=sent.end,
                        attributed_to=source,
                        date=_clause_date(sent, sent.start, article),
                    )
                )
        # "Bartella had fallen to them the same night, and so had Tel Kaif": the same claims
        # again, for the place named after "and so had".
        for t in targets:
            if not _SO_HAD_RE.search(sent.text, 0, t.start - sent.start):
                continue
            named = {x.place for x in targets if x.end <= t.start}
            for c in [c for c in claims[first:] if c.place != t.place and c.place in named]:
                add(replace(c, place=t.place))
    claims.sort(key=lambda c: (c.start, c.place, c.kind, c.actor or ""))
    return claims


_DATELINE_AFTER_RE = re.compile(r"[ \t]*(?:,|\(|—|–|-|/)")


def _is_dateline(text: str, m: Mention) -> bool:
    """ "BAGHDAD, May 17 (Reuters) -": where the story was filed, not what it is about."""
    return (
        m.text.isupper()
        and len(m.text) >= 3
        and (m.start == 0 or text[m.start - 1] == "\n")
        and bool(_DATELINE_AFTER_RE.match(text, m.end))
    )


_TAKE_IDIOM_RE = re.compile(
    r"\s+(?:(?:barely|only|just|nearly|almost|about|some|over|under|less\s+than|more\s+than|"
    r"\w+ly)\s+)?(?:(?:a|an|one|two|three|four|five|six|several|many|some|the|\d+)\s+)?"
    r"(?:more\s+|full\s+|few\s+|long\s+)?(?:part|place|time|minutes?|hours?|days?|weeks?|"
    r"months?|years?|steps?|measures?|shelter|refuge|cover|aim|responsibility|charge|office|"
    r"power|hold\s+(?!of)|as|hostages?|prisoners?|captives?|advantage|issue|note|notice|stock)\b",
    re.I,
)
_CIVILIANS_RE = re.compile(
    r"\b(?:residents|civilians|families|people|inhabitants|villagers|Christians|Yazidis|"
    r"refugees|population|locals|shoppers|workers|students|children|women)\s+"
    r"(?:(?:had|have|has|who|had\s+been|were|\w+ly)\s+){0,2}$",
    re.I,
)
_DENIED_THAT_RE = re.compile(
    r"\b(?:denied|denies|deny|denying|rejected|rejects|dismissed|dismisses)\s+(?:that|this|it|"
    r"(?:the|these|those|such)\s+(?:claims?|reports?|accounts?|statements?))\s*(?:[,.;:]|$|as\b)",
    re.I,
)
_SO_HAD_RE = re.compile(
    r"(?:,\s*|\s)(?:and\s+)?(?:so|as)\s+(?:had|did|has|have|was|were|is|are)\s+(?:the\s+)?"
    r"(?:(?:town|city|village|district)\s+of\s+)?$",
    re.I,
)
_OBJECT_AFTER_RE = re.compile(
    r"\s+(?:the|a|an|its|their|several|many|two|three|four|five|some|dozens)\s+"
    r"(?!(?:same|next|following|previous|last|first)\b)\w+",
    re.I,
)
_OUT_RE = re.compile(
    r"\b(?:drove|driven|pushed|forced|kicked|chased|flushed)\s+(?:\S+\s+){1,3}?out\b", re.I
)
_RELATIVE_RE = re.compile(r"\b(?:which|that|whom)\b", re.I)
_IT_RE = re.compile(r"\b(?:it|them)\b", re.I)


def _apply_frame(m, kind, frame, sent, idx, sentences, targets, gaz, earlier=None):
    """(place, actor, kind, trigger-start) tuples for one trigger match, or None.

    ``earlier``: the article's claims so far, by place id.
    """
    if re.match(
        r"\s+(?:it|this|that|them|these|those|the\s+threat)\s+(?:very\s+|more\s+|so\s+)?"
        r"(?:seriously|lightly|for\s+granted)\b",
        m.string[m.end() :],
    ):
        return None  # "the government is taking it seriously"
    if re.search(r"\b(?:you|we)\s+$", m.string[: m.start()], re.I) and kind == "captured":
        return None  # "depending on which road you take"
    if kind in ("holds", "captured") and re.search(
        r"\b(?:partly|partially)\s+$", m.string[: m.start()], re.I
    ):
        return None  # "had been partly occupied by the militants": part of a place
    earlier = earlier if earlier is not None else {}
    s0 = sent.start
    ts, te = m.start() + s0, m.end() + s0
    trigger_text = m.group().lower()
    if re.match(r"(?:cleared|clearing|cleansed|purged|rid|freed)", trigger_text) and re.match(
        r"\s+(?:\w+\s+){0,2}?of\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:explosives?|mines|devices|"
        r"booby[\s-]traps|IEDs|rubble|bodies|debris|ordnance|bombs)\b",
        sent.text[m.end() :],
        re.I,
    ):
        return None  # "pockets being cleared of explosive devices": demining, not a capture
    if (
        kind == "lost"
        and re.fullmatch(r"(?:deserted|abandoned|evacuated|empty|emptied)", trigger_text)
        and re.search(
            r"\b(?:remains?|remained|lies|lay|stands|stood|is|was|are|were|looks?|looked|seemed|"
            r"seems)\s+(?:\w+ly\s+)?$",
            sent.text[: m.start()],
            re.I,
        )
        and not re.match(r"\s+by\b", sent.text[m.end() :])
    ):
        return None  # "Gwer ... remains largely deserted": empty of people, not given up
    if frame == "active":
        if m.start() > 0 and sent.text[m.start() - 1] == "-":
            return None  # "ISIS-held": the adjective frame's
        if re.fullmatch(r"took|take|takes|taking|taken", trigger_text) and _TAKE_IDIOM_RE.match(
            sent.text, m.end()
        ):
            return None  # "took part in", "took a month": no place was taken
        who = re.search(
            r"(?<![,\s])\s+(?:who|whether|whom)\s+(?:\w+\s+)?$", sent.text[: m.start()], re.I
        )
        if who and not any(
            a.end - s0 <= who.start() and not sent.text[a.end - s0 : who.start()].strip()
            for a in sent.actors
        ):
            return None  # "it was not clear who controlled Baiji" (not "the militants who took")
        passive = _is_passive(sent, m)
        if passive and re.search(
            r"(?<![,\w])\s*\b(?!(?:was|were|is|are|been|being|be|had|has|have|now|still|also|already|not|never|since|recently|once|largely|fully|later|then|and|or|itself|themselves|town|city|village|base|refinery|dam|province|capital|stronghold|hub|outpost|\w+ly)\b)[a-z]+\s+$",
            sent.text[: m.start()],
        ):
            return None  # "territory held by the Kurds": the participle describes a noun
        if passive:
            rel = (
                _relative_antecedent(sent, ts, targets, gaz)
                if re.search(
                    r",\s*(?:which|where)\s+(?:\w+\s+){0,3}$", sent.text[: m.start()], re.I
                )
                else []
            )
            places = (
                rel
                or _left_places(sent, ts, targets, gaz)
                or _pronoun_subject(sent, idx, sentences, ts, gaz)
                or _fragment_topic(sent, ts)
            )
            actors = _actors_after_by(sent, te)
            if not actors and re.match(
                r"\s*(?:\w+\s+){0,2}?by\s+(?:the\s+)?(?:group|organi[sz]ation|jihadists)\b",
                sent.text[te - s0 :],
                re.I,
            ):
                # "overrun by the group": the armed group the article has named.
                actors = [_group_actor(sent, idx, sentences, te)]
            if not actors:
                # "The town, held by ISIS since June, was retaken": who retakes a town is not
                # who the sentence says held it.
                again = re.match(r"(?:re|liberat|freed|clear)", trigger_text)
                # Only a side named as holding it ("held by ISIS", "under ISIS") is excluded.
                held_by = (
                    frozenset(
                        a.actor
                        for a in sent.actors
                        if a.end <= ts
                        and (
                            a.actor == "isis"
                            or re.search(
                                r"\b(?:held|controlled|occupied|seized|captured|taken|overrun|"
                                r"under)\s+(?:\w+\s+){0,2}?(?:by\s+)?(?:the\s+)?$",
                                _gap(sent, max(sent.start, a.start - 40), a.start),
                                re.I,
                            )
                        )
                    )
                    if again
                    else frozenset()
                )
                helpers = _credited_actors(sent, ts)
                if again and _GROUP_WORDS_RE.search(sent.text[: m.start()]):
                    # "Hit, which the group took last October, has not been retaken"
                    held_by |= {_group_actor(sent, idx, sentences, ts)}
                if kind == "besieged":
                    # "Daesh still holds it, but it is cut off": the holder is the besieged.
                    held_by |= _holders(sent, ts, places, earlier)
                actors = [a for a in helpers if a not in held_by] or [
                    _context_actor(
                        sent,
                        idx,
                        sentences,
                        ts,
                        exclude=held_by,
                        # "Rawa was captured early on Sunday": a first capture is the
                        # attacker's, not that of the side that just withdrew.
                        captor=kind == "captured" and not again,
                        ground=kind == "captured",
                    )
                ]
        else:
            places = _right_places(sent, te, targets, gaz)
            held = [t for t in targets if t.end <= ts][-1:]
            if (
                not places
                and held
                and re.fullmatch(r"\s+(?:\w+ly\s+)?", _gap(sent, held[0].end, ts))
                and re.search(
                    r"\b(?:has|have|had|having|now\s+has|got|keeps|kept)\s+(?:the\s+)?"
                    r"(?:(?:city|town)\s+of\s+)?$",
                    _gap(sent, sent.start, held[0].start),
                    re.I,
                )
            ):
                places = held  # "the SDF now has Raqqa encircled on three sides"
            if not places:
                places = _pronoun_object(
                    sent, te, ts, targets, gaz, sentences[idx - 1] if idx > 0 else None
                )
            if not places:
                # "... west of Mosul, which the militants overran": a landmark may be the
                # antecedent of a relative clause.
                places = _relative_antecedent(sent, ts, _everything(sent, gaz), gaz, te)
            actors = _subject_actors(sent, idx, sentences, ts)
        if kind == "holds" and "run by" in trigger_text:
            places = _linked_left_places(sent, ts, targets, gaz)
            actors = _actors_after_by(sent, ts + len(m.group()) - 2)
        if not places:
            return None
        actors = [a for a in actors if a] or [None]
        if (
            actors == [None]
            and not passive
            and re.search(
                r"(?:^|[\s\-–—:])(?:After|Before|Since|Upon|On|While|Having|Following)\s+$",
                sent.text[: m.start()],
            )
        ):
            # "After retaking Rabia, the peshmerga push east": the main clause's subject.
            comma = sent.text.find(",", m.end())
            after = [a for a in sent.actors if comma >= 0 and a.start >= comma + sent.start]
            actors = [after[0].actor] if after else [None]
        if (
            actors == [None]
            and not passive
            and idx + 1 < len(sentences)
            and re.search(
                r"\b(?:forces|troops|soldiers|units|fighters)\s+(?:\w+\s+)?$",
                sent.text[: m.start()],
                re.I,
            )
        ):
            # A headline's "forces enter Tikrit": the story's first sentence says whose.
            nxt = [a for later in sentences[idx + 1 : idx + 7] for a in later.actors]
            actors = [nxt[0].actor] if nxt else [None]
        if kind in _NEEDS_ACTOR and actors == [None]:
            return None  # "residents fled Mosul", a threat by nobody: no claim about control
        if kind == "lost" and not _named_before(sent, ts) and not passive:
            return None
        out = [(p, a, kind, None) for p in places for a in actors]
        if kind == "captured" and actors != [None]:
            out += _loser(sent, ts, te, places, actors[0])
        return out
    if kind == "lost" and _CIVILIANS_RE.search(sent.text, max(0, m.start() - 60), m.start()):
        return None  # "most of its residents fled to Erbil": civilians fleeing lose nothing
    if frame == "left":
        # "the garrison pulled out": the place is the one the sentence is about.
        actor = _subject_actor(sent, idx, sentences, ts)
        if actor is None:
            return None
        places = _left_places(sent, ts, targets, gaz) or _right_places(sent, te, targets, gaz)
        if not places:
            # "The mayor, who fled to the Kurdish region, said troops had retreated": a
            # destination is not the place given up.
            places = [
                t
                for t in targets
                if t.start < ts
                and not re.search(
                    r"\b(?:to|into|toward|towards)\s+(?:the\s+)?(?:\w+\s+)?$",
                    _gap(sent, max(sent.start, t.start - 25), t.start),
                    re.I,
                )
            ][-1:]
        if not places and idx > 0 and not sent.mentions:
            # "Qayyarah was liberated on Aug. 25. ISIL fighters withdrew north.": the place
            # the previous sentence was about.
            prev = [t for t in sentences[idx - 1].mentions if gaz[t.place].kind in _POINT_KINDS]
            places = prev[:1]
        return [(p, actor, "lost", None) for p in places] or None
    if frame == "expel":
        # "troops drove the militants out of Jurf al-Sakhar": captured by the subject,
        # lost by the expelled.
        places = _right_places(sent, te, targets, gaz)
        if not places:
            return None
        actors = _subject_actors(sent, idx, sentences, ts)
        loser_text = m.group("loser") or ""
        if re.search(r"\bback$", loser_text, re.I):
            return None  # "pushed the jihadists back from Baghdad's belts": kept away, not out
        loser = _actor_in(sent, m.start("loser") + s0, m.end("loser") + s0) if loser_text else None
        if loser is None and re.match(r"(?:them|it|the\s+group)\b", loser_text, re.I):
            # "peshmerga fighters drove them out": "them" is not the ones driving.
            loser = _context_actor(
                sent,
                idx,
                sentences,
                m.start("loser") + s0,
                exclude=frozenset(a for a in actors if a),
            )
        if loser is None:
            return None  # "forced to retreat from": not an expulsion
        out = [(p, a, "captured", None) for p in places for a in actors]
        if loser and loser not in actors:
            out += [(p, loser, "lost", None) for p in places]
        return out
    if frame == "expel_out":
        s_loser = m.start("loser") + s0
        loser = _actor_in(sent, s_loser, m.end("loser") + s0)
        if loser is None and re.match(r"(?:them|it|the\s+group)\b", m.group("loser"), re.I):
            loser = _context_actor(sent, idx, sentences, s_loser)
        if loser is None:
            return None
        places = [t for t in targets if t.end <= ts and gaz[t.place].kind in _POINT_KINDS][-1:]
        if not places and idx > 0:
            places = [t for t in sentences[idx - 1].mentions if gaz[t.place].kind in _POINT_KINDS][
                :1
            ]
        actors = [a for a in _subject_actors(sent, idx, sentences, ts) if a and a != loser]
        if not places or not actors:
            return None
        return [(p, a, "captured", None) for p in places for a in actors] + [
            (p, loser, "lost", None) for p in places
        ]
    if frame == "cleared":
        # "the city had been cleared of militants": captured by whoever cleared it.
        places = _linked_left_places(sent, ts, targets, gaz) or _pronoun_subject(
            sent, idx, sentences, ts, gaz
        )
        loser = _actor_after(sent, te, within=25)
        if not places or loser is None:
            return None
        captors = [a.actor for a in sent.actors if a.end <= ts and a.actor != loser][-1:]
        if not captors:
            captors = [_context_actor(sent, idx, sentences, ts)]
        out = [(p, c, "captured", None) for p in places for c in captors if c and c != loser]
        return out + [(p, loser, "lost", None) for p in places]
    if frame == "fell":
        # "Mosul fell to ISIS", "the town fell", never "prices fell" (needs a place subject).
        if re.search(r"\b(?:the|a|its|their|this|that)\s+$", sent.text[: m.start()], re.I):
            return None  # "after the fall of Mosul": the noun, for the nominal frame
        places = _left_places(sent, ts, targets, gaz) or _pronoun_subject(
            sent, idx, sentences, ts, gaz
        )
        if not places:
            return None
        if trigger_text.rstrip().endswith(" to"):
            actor = _actor_after(sent, te, within=30)
        else:
            actor = _actor_after_to(sent, te)
        if actor is None and "isis" in _holders(sent, ts, places, earlier):
            # "ISIS-held Shaddadi ... SDF entered it ... accounts deny the town has fallen":
            # a town the group holds falls to whoever the article says is taking it.
            attackers = [
                c.actor
                for c in _told(earlier, places)
                if c.actor not in (None, "isis")
                and c.kind in ("captured", "threatened", "besieged")
                and not c.hypothetical
            ]
            if attackers:
                actor = attackers[-1]
        if actor is None:
            actor = _context_actor(sent, idx, sentences, ts, exclude_places=True, captor=True)
            # An agentless "fell" in an article that has named the Islamic State fell to it.
            if actor != "isis" and any(
                a.actor == "isis" and a.end <= ts
                for p in sentences[max(0, idx - _LOOKBACK) : idx + 1]
                for a in p.actors
            ):
                actor = "isis"
        out = [(p, actor, "captured", None) for p in places]
        return out + _loser(sent, ts, te, places, actor)
    if frame == "nominal":
        if kind == "besieged" and re.search(
            r"\b(?:break|broke|broken|breaking|breaks|lift|lifted|lifting|end|ended|ending|ends|"
            r"relieve|relieved)\s+(?:\w+\s+){0,3}$",
            sent.text[: m.start()],
            re.I,
        ):
            return None  # "broke the siege of Amerli": the siege is over
        places = _right_places(sent, te, targets, gaz, max_gap=40)
        if not places:
            return None
        if kind == "besieged" and re.search(
            r"^[^;]{0,120}?\b(?:was|were|had\s+been|has\s+been|is)\s+(?:\w+ly\s+)?(?:broken|lifted|"
            r"ended|relieved|over)\b",
            sent.text[m.end() :],
            re.I,
        ):
            return None  # "the siege of Dhuluiya ... had been broken the month before"
        actor = _actor_after_by(sent, _after_places(places, te)) or _actor_after_to(
            sent, _after_places(places, te)
        )
        if actor is None:
            actor = _adjacent_actor_left(sent, ts)
        poss = re.search(r"\b(?:its|their)\s+(?:\w+\s+)?$", sent.text[: m.start()], re.I)
        if actor is None and poss:
            # "the first reversal for the group since its capture of Mosul"
            pos = sent.start + poss.start()
            if _GROUP_WORDS_RE.search(_gap(sent, max(sent.start, pos - 40), pos)):
                actor = _group_actor(sent, idx, sentences, pos)
            else:
                actor = _context_actor(sent, idx, sentences, pos, pronoun=True)
        if actor is None and re.search(
            r"\b(?:tighten\w*|lay|laid|laying|impose\w*|maintain\w*|keep|keeps|kept|began|begun|"
            r"start\w*|press\w*|complet\w*|led|leads|leading|launch\w*)\s+(?:\w+\s+){0,2}$",
            sent.text[: m.start()],
            re.I,
        ):
            # "Iraqi forces continue to tighten the siege on Fallujah": the subject's act
            actor = _subject_actor(sent, idx, sentences, ts)
        word = trigger_text.replace("the ", "").split()[0]
        if re.search(
            r"\b(?:announced|announces|declared|declares|completed|completes|celebrated|confirmed|"
            r"achieved)\s+(?:\w+\s+){0,3}$",
            sent.text[: m.start()],
            re.I,
        ):
            # "the security forces and the Popular Mobilisation announced the liberation of"
            subjects = [a for a in _subject_actors(sent, idx, sentences, ts) if a]
            if subjects and word in (
                "recapture",
                "retaking",
                "liberation",
                "capture",
                "seizure",
                "conquest",
            ):
                out = [(p, a, "captured", None) for p in places for a in subjects]
                return out + _loser(sent, ts, te, places, subjects[0])
        k = kind
        if word == "loss":
            k = "lost"
        if actor is None and k == "captured":
            # "the liberation of the two towns": the capture the article has already told.
            told = [
                c.actor
                for c in _told(earlier, places)
                if c.kind == "captured"
                and c.actor
                # the Islamic State is what a town is liberated from, never who liberates it
                and not (c.actor == "isis" and word in ("recapture", "retaking", "liberation"))
                and not c.negated
                and not c.hypothetical
            ]
            if told:
                actors_told = list(dict.fromkeys(told))
                return [(p, a, k, None) for p in places for a in actors_told]
        if (
            actor is None
            and k == "captured"
            and word in ("recapture", "retaking", "liberation")
            and not sent.actors
            and idx + 1 < len(sentences)
        ):
            # "The recapture of Fallujah was the biggest prize. Government troops ... encircled
            # the city": the story goes on to say who.
            nxt = [a for a in sentences[idx + 1].actors if a.actor != "isis"]
            actor = nxt[0].actor if nxt else None
        if actor is None and k in ("captured", "besieged", "threatened"):
            # "the liberation of Qayyarah": the Islamic State is what it was freed from.
            freed = word in ("recapture", "retaking", "re-taking", "liberation")
            actor = _context_actor(
                sent,
                idx,
                sentences,
                ts,
                captor=True,
                exclude=frozenset({"isis"}) if freed else frozenset(),
            )
        if k == "lost" and actor is None:
            return None
        if k in _NEEDS_ACTOR and actor is None:
            return None
        out = [(p, actor, k, None) for p in places]
        return out + (_loser(sent, ts, te, places, actor) if k == "captured" else [])
    if frame in ("stronghold", "stronghold_of") and re.search(
        r"\b(?:once|formerly|former|erstwhile|one-?time|previously)\b",
        re.split(r"[,;(]", _gap(sent, max(sent.start, ts - 30), te))[-1],
        re.I,
    ):
        return None  # "Raqqa, once the group's de facto capital": history, not a holder today
    if frame in ("state", "state_neg", "state_none", "stronghold"):
        inner = m.group("actor_in") if "actor_in" in m.groupdict() else None
        actor = None
        if inner:
            actor = _inner_actor(sent, m, idx, sentences, ts)
            if actor is None:
                return None
        if frame == "state_none" or (frame == "stronghold" and trigger_text.endswith(" of")):
            places = _right_places(sent, te, targets, gaz, max_gap=30)
        else:
            places = (
                _relative_head(sent, ts, targets, gaz)
                or _linked_left_places(sent, ts, targets, gaz)
                or (_appositive_of(sent, ts, gaz) if frame == "stronghold" else [])
                or _fragment_topic(sent, ts)
                or _pronoun_subject(sent, idx, sentences, ts, gaz)
            )
        if not places:
            return None
        if kind == "besieged" and actor is None:
            held = _holders(sent, ts, places, earlier)
            actor = _context_actor(
                sent,
                idx,
                sentences,
                ts,
                exclude_places=True,
                captor=True,
                exclude=held or frozenset(),
            )
        if kind in _NEEDS_ACTOR and actor is None:
            return None
        negate = True if frame in ("state_neg", "state_none") else None
        return [(p, actor, kind, negate) for p in places]
    if frame == "declared":
        o0, o1 = m.start("obj") + s0, m.end("obj") + s0
        places = [t for t in targets if o0 <= t.start and t.end <= o1]
        if not places:
            return None
        actors = _subject_actors(sent, idx, sentences, ts)
        if actors == [None]:
            # "the commander declared the city liberated after an offensive by Iraqi forces"
            actors = [
                _actor_after_by(sent, te)
                or _context_actor(
                    sent, idx, sentences, ts, captor=True, exclude=frozenset({"isis"})
                )
            ]
        return [(p, a, "captured", None) for p in _dedupe(places) for a in actors]
    if frame == "state_right":
        first = next((a for a in sent.actors if te <= a.start <= te + 30), None)
        holders = _actor_chain(sent, first) if first else []
        if not holders and _GROUP_WORDS_RE.match(sent.text, te - s0 + 1):
            holders = [_group_actor(sent, idx, sentences, te)]  # "in the hands of the group"
        holders = [a for a in holders if a]
        places = _linked_left_places(sent, ts, targets, gaz)
        if not places and re.search(
            r"\bthat\s+(?:(?:still|now)\s+)?(?:remains?|remained|is|was|has\s+been|had\s+been|stays|"
            r"stayed|came|fell)\s+(?:\w+\s+)?$",
            _gap(sent, max(sent.start, ts - 40), ts),
            re.I,
        ):
            places = _relative_antecedent(sent, ts, targets, gaz)  # "..., a town that remains in"
        if not holders or not places:
            return None
        return [(p, a, kind, None) for p in places for a in holders]
    if frame == "adjective":
        actor = _inner_actor(sent, m, idx, sentences, ts)
        if actor is None:
            return None
        # "Hawija was the last ISIS-held town in Kirkuk province": the subject is the town.
        left = [t for t in targets if t.end <= ts][-1:]
        subject = (
            left
            if left
            and re.fullmatch(
                r"\s*(?:,\s*)?(?:is|was|remains|remained|has\s+been|had\s+been|became)\s+"
                r"(?:now\s+|still\s+)?(?:the|an?|one\s+of\s+the)\s+(?:\w+\s+)?",
                _gap(sent, left[0].end, m.start("actor_in") + s0),
                re.I,
            )
            else []
        )
        if subject and re.match(
            r"\s+(?:town|city|village|district|stronghold|enclave|pocket|position|base)s?\s+"
            r"(?:in|of)\b",
            sent.text[m.end() :],
            re.I,
        ):
            return [(p, actor, "holds", False) for p in subject]
        # "ISF/PMF-held": held jointly by both sides named.
        a0, a1 = m.start("actor_in") + s0, m.end("actor_in") + s0
        joint = list(dict.fromkeys(a.actor for a in sent.actors if a0 <= a.start and a.end <= a1))
        holders = joint if "/" in m.group("actor_in") and joint else [actor]
        places = _right_places(sent, te, targets, gaz, max_gap=30)
        if not places:
            # "Hawija, a militant-held enclave": the place the apposition describes.
            left = [t for t in targets if t.end <= ts]
            if left and re.fullmatch(
                r"\s*(?:,|—|–|:|\s-)\s*(?:(?:an?|the|its|their)\s+)?(?!(?:in|of|on|at|near|from|to|for|with|by)\b)(?:\w+\s+)?",
                _gap(sent, left[-1].end, ts),
                re.I,
            ):
                places = left[-1:]
                if re.match(r"\s*,\s*(?:both|all|each)\b", _gap(sent, left[-1].end, te), re.I):
                    # "Mosul and Tal Afar, both ISIS-held": every place of the pair
                    places = _left_places(sent, left[-1].end, targets, gaz) or places
            if not places:
                # "Shaddadi has been ISIS-held", "It has been ISIS-held since early 2014."
                places = (
                    _linked_left_places(sent, ts, targets, gaz)
                    or _fragment_topic(sent, ts)
                    or _pronoun_subject(sent, idx, sentences, ts, gaz)
                )
        return [(p, a, "holds", False) for p in places for a in holders] or None
    if frame == "nominal_loss":
        # "the army's withdrawal from Tal Afar": lost by the side named before the noun.
        inside = [a for a in sent.actors if m.start("loser") + s0 <= a.start < m.end("loser") + s0]
        # "the withdrawal of the soldiers of the Islamic State": the last side named
        loser = inside[-1].actor if inside else None
        places = _right_places(sent, te, targets, gaz, max_gap=30)
        if loser is None or not places:
            return None
        return [(p, loser, "lost", None) for p in places]
    if frame == "strikes_near":
        o0, o1 = m.start("obj") + s0, m.end("obj") + s0
        places = [t for t in targets if o0 <= t.start and t.end <= o1]
        return [(p, None, "contested", None) for p in places[:1]] or None
    if frame == "contest_verb" and re.match(
        r"(?:struck|strike|striking|pounded|pounding|hit|fired)", trigger_text
    ):
        # Aircraft or guns strike; "twin bombings struck a mosque" is terrorism, not fighting.
        if not any(a.end <= ts and ts - a.end <= 40 for a in sent.actors):
            return None
    if frame == "flag":
        places = _right_places(sent, te, targets, gaz)
        owner = [a for a in sent.actors if a.end <= ts and ts - a.end <= 40]
        actor = owner[-1].actor if owner else None
        if actor is None and re.search(
            r"\b(?:their|its)\s+(?:\w+\s+){0,2}$", sent.text[: m.start()], re.I
        ):
            actor = _context_actor(sent, idx, sentences, ts)
        if actor is None or not places:
            return None
        return [(p, actor, "holds", None) for p in places]
    if frame == "stronghold_of":
        actor = _actor_after(sent, te, within=25)
        if actor is None:
            return None
        places = _linked_left_places(sent, ts, targets, gaz) or _appositive_of(sent, ts, gaz)
        if not places:
            left = [t for t in targets if t.end <= ts]
            if left and re.fullmatch(
                r"\s*(?:,\s*|(?:,\s*)?(?:is|was|are|were|remains|remained|has\s+been|had\s+been|"
                r"became|becomes)\s+(?:still\s+|now\s+)?)(?:(?:one|two|some)\s+of\s+)?"
                r"(?:the|an?|its|their)\s+(?:[\w-]+\s+){0,4}",
                _gap(sent, left[-1].end, ts),
                re.I,
            ):
                places = left[-1:]
        return [(p, actor, "holds", None) for p in places] or None
    if frame == "declared_passive":
        places = _left_places(sent, ts, targets, gaz) or _pronoun_subject(
            sent, idx, sentences, ts, gaz
        )
        if not places:
            return None
        actors = _actors_after_by(sent, te) or [
            _context_actor(sent, idx, sentences, ts, captor=True, exclude=frozenset({"isis"}))
        ]
        return [(p, a, "captured", None) for p in places for a in actors]
    if frame == "contest_fronted":
        return [(p, None, "contested", None) for p in _fronted_places(sent, ts, targets)] or None
    if frame == "besiege_in":
        a0 = m.start("loser") + sent.start
        if _actor_in(sent, a0, m.end("loser") + sent.start) is None:
            return None  # "surrounded the town in ...": no enemy named, not this frame
        places = _right_places(sent, te, targets, gaz, max_gap=20)
        actor = _subject_actor(sent, idx, sentences, ts)
        if not places or actor is None:
            return None
        return [(p, actor, "besieged", None) for p in places]
    if frame == "dominated":
        actor = _actor_after(sent, te, within=20)
        places = _linked_left_places(sent, ts, targets, gaz) or _relative_head(
            sent, ts, targets, gaz
        )
        if actor is None or not places:
            return None
        return [(p, actor, "holds", None) for p in places]
    if frame == "held_out":
        actor = _subject_actor(sent, idx, sentences, ts)
        near = [a for a in sent.actors if a.end <= ts]
        if actor is None or (near and re.fullmatch(r"(?:the\s+)?defenders", near[-1].text, re.I)):
            return None  # "defenders" says nothing of whose they are
        places: list[Mention] = []
        if near:
            a0 = near[-1]
            # "The defenders of Haditha", "Kobani's defenders", "the garrison in Tal Afar"
            places = [
                t
                for t in targets
                if (
                    t.end <= a0.start
                    and re.fullmatch(r"['’]s?\s+(?:\w+\s+)?", _gap(sent, t.end, a0.start))
                )
                or (
                    a0.end <= t.start < ts
                    and re.fullmatch(
                        r"\s+(?:of|in|at|inside)\s+(?:the\s+)?", _gap(sent, a0.end, t.start)
                    )
                )
            ][:1]
        if not places:
            places = _linked_left_places(sent, ts, targets, gaz) or _right_places(
                sent, te, targets, gaz, max_gap=20
            )
        # "In Samarra, troops held the line around the shrine"
        places = places or _fronted_places(sent, ts, targets)
        return [(p, actor, "holds", None) for p in places] or None
    if frame == "within_reach":
        # The place is the figure's reference, a landmark for every other trigger.
        after = [
            t
            for t in _everything(sent, gaz)
            if t.start >= te and len(_gap(sent, te, t.start)) <= 25
        ]
        before = [t for t in targets if t.end <= ts]
        actors = [a for a in sent.actors if a.end <= ts]
        if (
            not after
            or not actors
            or (
                before
                and before[-1].start > actors[-1].start
                and not re.search(r"[,;:]", _gap(sent, before[-1].end, ts))
            )
        ):
            return None  # "Baquba is within 40 miles of Baghdad": a place, not a force, is near
        actor = _subject_actor(sent, idx, sentences, ts)
        if actor is None or gaz[after[0].place].kind == "border":
            return None
        return [(after[0], actor, "threatened", None)]
    if frame == "contest_defended":
        places = [t for t in _linked_left_places(sent, ts, targets, gaz) if _opens_clause(sent, t)]
        left = [t for t in targets if t.end <= ts][-1:]
        if (
            not places
            and left
            and re.fullmatch(
                r"['’]s?\s+(?:[\w-]+\s+){1,3}(?:(?:have|has|had)\s+)?(?:been\s+)?(?:\w+ly\s+)?",
                _gap(sent, left[0].end, ts),
            )
        ):
            places = left  # "Haditha's defenders repelled another assault"
        if not places:
            places = _right_places(sent, te, targets, gaz, contest=True)
        places = places or _fronted_places(sent, ts, targets)
        return [(p, None, "contested", None) for p in places] or None
    if frame == "control_here":
        actor = _subject_actor(sent, idx, sentences, ts)
        places = [t for t in targets if t.end <= ts][-1:]
        if actor is None or not places:
            return None
        return [(p, actor, "holds", None) for p in places]
    if frame == "contest_left":
        places = [t for t in _linked_left_places(sent, ts, targets, gaz) if _opens_clause(sent, t)]
        left = [t for t in targets if t.end <= ts][-1:]
        if not places and left and re.fullmatch(r"\s*[—–:]\s*", _gap(sent, left[0].end, ts)):
            places = left  # "Garma — Contested."
        if not places and "hands" in trigger_text:
            # "Control of Baiji changed hands": the place is inside the subject.
            places = [t for t in targets if t.end <= ts][-1:]
        return [(p, None, "contested", None) for p in places] or None
    if frame in ("contest", "contest_verb"):
        if re.search(r"\bbase\s+of\s+$", sent.text[: m.start()], re.I):
            return None  # "the group's base of operations in eastern Anbar"
        if (
            frame == "contest_verb"
            and re.fullmatch(r"attacks?|assaults?|raids?|strikes?", trigger_text)
            and re.search(
                r"\b(?:the|an?|this|that|its|their)\s+(?:\w+\s+)?$", sent.text[: m.start()], re.I
            )
            and not re.match(r"\s+(?:on|against|in|near)\b", sent.text[m.end() :], re.I)
        ):
            return None  # "the attack confirmed what Baghdad feared": a noun, with no target
        if frame == "contest_verb" and _is_passive(sent, m):
            places = _left_places(sent, ts, targets, gaz)
        else:
            places = _right_places(sent, te, targets, gaz, contest=True)
        if not places and frame == "contest_verb":
            places = _left_places(sent, ts, targets, gaz) if "came" in trigger_text else []
        return [(p, None, "contested", None) for p in places] or None
    return None


_WITHIN_RE = re.compile(
    r"\b(?:within|less\s+than|fewer\s+than|(?:miles?|km|kilomet(?:re|er)s)\s+(?:from|of|outside))\b",
    re.I,
)


def _capture_sides(
    c: ControlClaim, sent: _Sentence, idx: int, sentences: list[_Sentence]
) -> list[ControlClaim]:
    """The other side of a capture or a loss, where the sentence names it.

    "Qayyarah has been liberated from Daesh terrorists, the Joint Operations Command said":
    the group lost it, and the command's side took it. "captured Tabqa air base, driving the
    Syrian army from its last foothold": the army lost it. "were driven out of Tal Abyad on
    Tuesday by Kurdish YPG units": the units took it.
    """
    out: list[ControlClaim] = []
    pos = sent.text.find(c.trigger) if c.trigger else -1
    if pos < 0:
        return out
    after = sent.text[pos + len(c.trigger) :]
    abs_after = sent.start + pos + len(c.trigger)
    if c.kind == "captured":
        frm = re.match(r"\s+from\s+(?:the\s+)?", after)
        if frm and re.match(
            r"(?:liberated|freed|cleared|retaken|recaptured|regained)", c.trigger, re.I
        ):
            loser = next((a for a in sent.actors if a.start == abs_after + frm.end()), None)
            if loser is not None and loser.actor != c.actor:
                out.append(replace(c, actor=loser.actor, kind="lost"))
        rid = re.match(r"[^,.;]{0,40}?\bof\s+(?:the\s+)?(?:remaining\s+|last\s+)?", after)
        if rid and re.match(r"(?:cleared|clearing|freed|purged|rid|cleansed)", c.trigger, re.I):
            a0 = abs_after + rid.end()
            loser = next((a for a in sent.actors if a.start == a0), None)
            if loser is not None and loser.actor != c.actor:
                out.append(replace(c, actor=loser.actor, kind="lost"))  # "cleared X of IS fighters"
        if c.actor is None:
            speaker = next(
                (
                    a
                    for a in sent.actors
                    if a.start >= abs_after
                    and a.actor != "isis"
                    and re.match(
                        r"\s*(?:\w+\s+){0,2}?(?:said|says|announced|announces|declared|stated)\b",
                        sent.text[a.end - sent.start :],
                    )
                ),
                None,
            )
            if speaker is not None and not any(x.actor == speaker.actor for x in out):
                out.append(replace(c, actor=speaker.actor))
        drive = re.search(
            r",\s*(?:driving|forcing|pushing|expelling|ousting|chasing)\s+(?:out\s+)?(?:the\s+)?",
            after,
        )
        if drive:
            a0 = abs_after + drive.end()
            loser = next((a for a in sent.actors if a0 <= a.start <= a0 + 12), None)
            if loser is not None and loser.actor != c.actor:
                out.append(replace(c, actor=loser.actor, kind="lost"))
    elif c.kind == "lost" and re.match(
        r"(?:ceded|surrendered|handed|gave\s+up|lost)\b", c.trigger, re.I
    ):
        # "The army ceded Fallujah to the militants": the side it went to took it.
        to = re.match(r"\s+(?:[\w'’-]+\s+){1,4}?to\s+(?:the\s+)?", after)
        if to:
            a0 = abs_after + to.end()
            winner = next((a for a in sent.actors if a.start == a0), None)
            if winner is not None and winner.actor != c.actor:
                out.append(replace(c, actor=winner.actor, kind="captured"))
    elif c.kind == "lost" and re.match(
        r"(?:were|was|been|being|had\s+been|have\s+been)\s+(?:\w+ly\s+)?(?:driven|pushed|forced|chased|"
        r"kicked|expelled|ousted|routed|ejected|flushed)",
        c.trigger,
        re.I,
    ):
        by = re.match(r"[^,;:.]{0,60}?\bby\s+(?:the\s+)?", after)
        if by:
            a0 = abs_after + by.end()
            winner = next((a for a in sent.actors if a0 <= a.start <= a0 + 25), None)
            if winner is not None and winner.actor != c.actor:
                out.append(replace(c, actor=winner.actor, kind="captured"))
    return out


_AFTER_FIGHT_RE = re.compile(
    r"\b(?:after|following|ending)\s+(?:an?\s+|the\s+|its\s+|their\s+)?(?:[\w-]+\s+){0,3}?"
    r"(?:fighting|clashes|battles?|combat|offensive|gunbattles?|firefights?|resistance)\b"
    r"(?!\s+(?:for|in|on|around|near|at|inside)\s+(?:the\s+)?[A-Z])"
    # "six days after the offensive began": a point in time, not where the fighting was
    r"(?!\s+(?:\w+\s+)?(?:began|begins|started|starts|opened|ended|was\s+launched|got\s+under\s+way))",
    re.I,
)


def _fronted_places(sent: _Sentence, ts: int, targets) -> list[Mention]:
    """The place a clause is set in: "Around Baiji, fighting has gone on", "In Samarra, troops
    held the line", "Tikrit, where fighting has raged"."""
    left = [t for t in targets if t.end <= ts]
    if left and re.fullmatch(r",\s*where\s+(?:\w+\s+){0,2}", _gap(sent, left[-1].end, ts)):
        return left[-1:]
    for t in left:
        lead = _gap(sent, sent.start, t.start)
        if re.search(
            r"(?:^|[,;]\s*|\b(?:and|but)\s+)(?:[\w\s]{0,25}?,\s*)?(?:in|around|near|inside|"
            r"outside|at)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}$",
            lead,
            re.I,
        ) and not re.search(r"[;:]", _gap(sent, t.end, ts)):
            return [t]
    return []


def _appositive_of(sent: _Sentence, ts: int, gaz: Gazetteer) -> list[Mention]:
    """ "toward al-Bab, the last Islamic State stronghold": an apposition describes the place
    right before it, even a landmark of the verb before."""
    left = [t for t in _everything(sent, gaz) if t.end <= ts]
    if left and re.fullmatch(r"\s*,\s*(?:(?:one|two|some)\s+of\s+)?", _gap(sent, left[-1].end, ts)):
        return left[-1:]
    return []


def _relative_head(sent: _Sentence, ts: int, targets, gaz) -> list[Mention]:
    """ "Karmah, a farming town dominated by ...", "Tal Afar, the last major city in Nineveh
    province still under militant control": the place the apposition's noun stands for."""
    left = [t for t in targets if t.end <= ts]
    for t in reversed(left[-3:]):
        if re.fullmatch(
            r"\s*,\s*(?:an?|the)\s+(?:[\w-]+\s+){0,3}?(?:town|city|village|district|area|enclave|"
            r"suburb|outpost|base|stronghold)\s+(?:(?:in|of)\s+[^,;]{1,40}?\s+)?"
            r"(?:(?:still|now|long|largely|once|yet)\s+)?",
            _gap(sent, t.end, ts),
            re.I,
        ):
            return [t]
    return []


def _opens_clause(sent: _Sentence, t: Mention) -> bool:
    """The place is the subject of its clause: "Baiji has seen ...", not "Residents who fled
    Baiji have seen ..."."""
    lead = sent.text[max(0, t.start - sent.start - 60) : t.start - sent.start]
    return bool(
        re.search(
            r"(?:^|[,;:\"“—–]|\b(?:and|but|while|that|as)\b)\s*(?:the\s+)?"
            r"(?:(?!(?:who|which|that|from|to|in|of|near|by|with|for|at)\b)[A-Za-z-]+(?<!ed)\s+){0,3}?"
            r"(?:(?:town|city|village|district|province)\s+of\s+)?$",
            lead,
            re.I,
        )
    )


_NEEDS_ACTOR = frozenset({"lost", "holds", "threatened", "besieged"})
_ADJ_SIDES = {
    "kurdish": "kurdish-forces", "peshmerga": "kurdish-forces", "government": "iraqi-government",
    "army": "iraqi-government", "iraqi": "iraqi-government", "jihadist": "isis", "militant": "isis",
    "rebel": "isis", "insurgent": "isis", "extremist": "isis", "isis": "isis", "isil": "isis",
    "militia": "shiite-militias", "shiite": "shiite-militias", "iranian": "iran",
    "american": "united-states", "us": "united-states", "syrian": "syrian-government",
    "group": "isis", "caliphate": "isis", "daesh": "isis", "regime": "syrian-government",
    "enemy": "isis",
}  # fmt: skip


def _inner_actor(sent, m, idx, sentences, ts) -> str | None:
    """The actor named inside a state phrase ("under ISIS control", "Kurdish-held")."""
    a0, a1 = m.start("actor_in") + sent.start, m.end("actor_in") + sent.start
    actor = _actor_in(sent, a0, a1)
    if actor is not None:
        return actor
    inner = m.group("actor_in")
    if re.search(r"\b(?:its|their|his)\b", inner, re.I):
        fronted = re.match(r"\s*(?:With|Without)\b[^,;]*,\s*", sent.text)
        if fronted and sent.start + fronted.end() > m.end("actor_in") + sent.start:
            # "With the airbase in its hands, the Islamic State now controls ...": the
            # pronoun points forward to the subject of the main clause.
            after = [a for a in sent.actors if a.start >= sent.start + fronted.end()]
            if after and after[0].start - (sent.start + fronted.end()) <= 12:
                return after[0].actor
        return _context_actor(sent, idx, sentences, ts)
    if re.search(r"\b(?:our|my)\b", inner, re.I):
        # "is in our hands," a peshmerga officer told ...: the speaker's side; in a statement
        # or an interview, the first side the document names.
        after = [a for a in sent.actors if a.start >= m.end() + sent.start]
        if after:
            return after[0].actor
        named = [a for p in sentences[: idx + 1] for a in p.actors if a.actor != "isis"]
        return named[0].actor if named else None
    last = re.sub(r"['’]s?$", "", re.split(r"[\s-]+", inner.strip().lower())[-1])
    return _ADJ_SIDES.get(last)


# A comma-delimited aside ("a mainly Turkmen city of about 200,000 people"); thousands
# separators do not end it.
_APPOSITIVE = r",(?:[^,;()]|(?<=\d),(?=\d{3})){1,100},"


def _everything(sent: _Sentence, gaz: Gazetteer) -> list[Mention]:
    """All places of a sentence that can be claimed, landmarks included."""
    return [t for t in sent.mentions if gaz[t.place].kind not in ("country", "water")]


def _pronoun_subject(sent, idx, sentences, ts, gaz) -> list[Mention]:
    """ "It fell to ISIS on June 11": "it" is the place the previous sentence was about."""
    before = sent.text[: ts - sent.start]
    if not re.search(
        r"(?:^|[,;]\s*|\b(?:and|that|but|because|after|before|when|until|since)\s+)it\s+"
        r"(?:had\s+|has\s+|was\s+|is\s+)?(?:not\s+|never\s+)?(?:been\s+)?(?:\w+ly\s+)?"
        r"(?:(?:remains?|remained|stays?|stayed|is\s+still|was\s+still|has\s+remained)\s+)?$",
        before,
        re.I,
    ):
        return []
    # "The town has not been retaken; it remains in militant hands": this sentence's subject.
    it_pos = sent.start + re.search(r"\bit\s+(?:\S+\s+){0,4}$", before, re.I).start()
    if re.search(r"(?:;|,\s*(?:and|but))\s*it\s+(?:\S+\s+){0,4}$", before, re.I):
        here = [
            t
            for t in sent.mentions
            if t.end <= it_pos and gaz[t.place].kind not in ("country", "water", "region", "border")
        ]
        if here:
            return here[:1]
    for prev in sentences[idx - 1 : idx] if idx > 0 else []:
        settled = [
            t for t in prev.mentions if gaz[t.place].kind not in ("country", "water", "region")
        ]
        if settled:
            return settled[:1]
    return []


def _pronoun_object(sent, te, ts, targets, gaz, previous=None) -> list[Mention]:
    """ "overran it": the place named before the trigger, in this sentence or the last."""
    if not re.match(
        r"\s+(?:it|them|its\s+(?:[\w-]+\s+){0,2}?(?:districts?|neighbou?rhoods?|quarters?|"
        r"outskirts|centre|center|suburbs|parts?|half|airport|citadel|old\s+city))\b",
        sent.text[te - sent.start :],
        re.I,
    ):
        return []
    before = [t for t in targets if t.end <= ts]
    if before and re.match(r"\s+them\b", sent.text[te - sent.start :], re.I):
        # "fled Qaraqosh and other towns of the Nineveh Plains after ISIL took control of them"
        return _dedupe(
            [
                t
                for t in before
                if gaz[t.place].kind not in ("border",)
                # "In Erbil governorate, people fled ...": where the text stands, not "them"
                and not (
                    re.fullmatch(
                        r"\s*(?:In|Inside|Across|Throughout)\s+(?:the\s+)?",
                        _gap(sent, sent.start, t.start),
                    )
                    and re.match(r"\s*(?:\w+\s+)?,", _gap(sent, t.end, min(sent.end, t.end + 30)))
                )
            ]
        )
    if before:
        return before[-1:]
    if previous is not None:
        settled = [
            t for t in previous.mentions if gaz[t.place].kind not in ("country", "water", "region")
        ]
        return settled[:1]
    return []


def _after_places(places: list[Mention], default: int) -> int:
    return max([p.end for p in places] + [default])


def _is_passive(sent: _Sentence, m: re.Match) -> bool:
    word = m.group().strip()
    if not _PARTICIPLE_RE.search(word):
        return False
    before = sent.text[: m.start()]
    after = sent.text[m.end() : m.end() + 12]
    if _PASSIVE_AUX_RE.search(before):
        return True
    if not before.strip() and word[:1].isupper():
        return True  # "Retaken 4 Mar", "Captured in 2014, the town ...": a participle opening
    # Bulleted updates: "Qaraqosh: retaken by ISF on 22 Oct", "Bashiqa - surrounded".
    if re.search(r"[:\u2013\u2014-]\s*(?:\w+ly\s+)?$", before):
        return True
    if re.match(r"\s+(?:\w+\s+)?by\b", after, re.I):
        return True
    # Reduced relative: "Mosul, seized by ISIS," / "Mosul, now held by".
    return bool(re.search(r",\s*(?:now\s+|since\s+|recently\s+|already\s+)?$", before)) and bool(
        re.match(r"\s+(?:\w+\s+){0,3}by\b", after)
    )


def _gap(sent: _Sentence, a: int, b: int) -> str:
    return sent.text[a - sent.start : b - sent.start]


def _right_places(
    sent: _Sentence,
    pos: int,
    targets: list[Mention],
    gaz: Gazetteer,
    max_gap: int = 70,
    contest: bool = False,
) -> list[Mention]:
    """Places that are the object of the trigger ending at ``pos``: coordinated, unblocked."""
    out: list[Mention] = []
    cursor = pos
    for t in targets:
        if t.start < pos:
            continue
        if re.match(_MODIFIER_NOUNS, sent.text[t.end - sent.start :], re.I):
            continue  # "two Diyala towns": the place only qualifies a noun
        gap = _gap(sent, cursor, t.start)
        if (
            len(out) == 1
            and gaz[out[0].place].kind in AREA_KINDS
            and re.fullmatch(
                r"[^;:.]{0,40}?,\s*(?:including|such\s+as|notably)\s+(?:the\s+\w+\s+of\s+)?",
                gap,
                re.I,
            )
        ):
            # "held much of Anbar before Sunday's advance, including Fallujah"
            out.append(t)
            cursor = t.end
            continue
        if not out and re.fullmatch(r"\s*(?:the\s+|an?\s+|its\s+)?(?:[\w-]+\s+){0,3}[—–:]\s*", gap):
            # "holding the outer ring — Garma, Saqlawiyah and ...": a list after a dash
            out.append(t)
            cursor = t.end
            continue
        if _CLAUSE_BREAK_RE.search(gap):
            break
        if re.match(
            r"\s+(?:(?!and\b|but\b)\w+\s+){0,2}(?:said|says|told|reported|announced|claimed)\b",
            sent.text[t.end - sent.start :],
            re.I,
        ):
            break  # "..., the Defence Ministry in Baghdad said": where a source speaks from
        if re.search(
            r"\b(?:officials|residents|people|families|leaders|diplomats|politicians|lawmakers|"
            r"spokesm[ae]n|sources?|analysts|observers|journalists|reporters)\s+(?:\w+\s+)?"
            r"(?:in|from|of)\s+(?:the\s+)?$",
            gap,
            re.I,
        ):
            break  # "the attacks have alarmed officials in the capital": where people are
        if not contest and re.search(
            r"\b(?:(?:villages|hamlets|farms|farmland|areas|positions|checkpoints|suburbs|outskirts|"
            r"countryside|hills|orchards|roads)\s+(?:\w+\s+)?(?:around|near|outside|surrounding|"
            r"south\s+of|north\s+of|east\s+of|west\s+of)|(?:buildings|sections|quarters|"
            r"blocks|streets)\s+(?:\w+\s+)?(?:in|of))\s+(?:the\s+)?$",
            gap,
            re.I,
        ):
            break  # "took the Sunni villages around Amerli": the villages, not the town
        if contest and not out:
            if re.search(
                r"\b(?:toward|towards|from|to|past|beyond|than|except|via|along)\s+(?:the\s+)?[\w\s'’-]*$",
                gap,
                re.I,
            ):
                break
            if gaz[t.place].kind in AREA_KINDS and len(gap.split()) > 3:
                break  # "an offensive on one of the last strongholds in Nineveh province"
        if (
            len(out) == 1
            and gaz[out[0].place].kind in AREA_KINDS
            and re.match(
                r"^\s+(?:\w+\s+){0,2}?(?:town|city|village|district|refinery|dam|base|airport|crossing)\s+of\s+$",
                gap,
                re.I,
            )
        ):
            out[0] = t  # "the Anbar town of Hit": Anbar only says where Hit is
            cursor = t.end
            continue
        if not out:
            if _INCLUDING_RE.search(gap) and len(gap) <= 100:
                # "seized a string of towns, including Tikrit": an example of the object.
                out.append(t)
                cursor = t.end
                continue
            if len(gap) > max_gap:
                break
            stripped = _strip_np(gap)
            if not contest and _BLOCK_RE.search(stripped) and not _is_in_after_np(stripped):
                break
        else:
            prev = out[-1]
            if t.place == prev.place:
                cursor = t.end
                continue
            if gaz[t.place].kind in AREA_KINDS and re.search(r"\b(?:in|of)\s+(?:the\s+)?$", gap):
                cursor = t.end
                continue  # "Tal Afar, the last major city in Nineveh province": a qualifier
            if re.search(r",\s*and\b", gap) and re.match(
                r"\s+(?:has|have|had|is|are|was|were|remains?|remained|fell|falls|lies|sits)\b",
                sent.text[t.end - sent.start :],
            ):
                break  # "... in Ramadi, the capital, and much of Fallujah has been held": a new clause
            if (t.start, t.end) == (prev.start, prev.end):
                out.append(t)  # "both towns": one phrase standing for several places
                continue
            if re.match(r"^\s*,?\s*(?:in|of)\s+(?:the\s+)?$", gap, re.I) or re.match(
                r"^\s*,\s*(?:the\s+)?$", gap
            ):
                # "Tal Afar in Nineveh province", "Kirkuk, the oil city": a qualifier.
                if _qualifies(gaz, prev.place, t.place) or gaz[t.place].kind in AREA_KINDS:
                    cursor = t.end
                    continue
                if re.match(r"^\s*,\s*(?:the\s+)?$", gap) and prev.via == "description":
                    out.append(t)  # "Iraq's second-largest city, Mosul"
                    cursor = t.end
                    continue
            if gaz[prev.place].kind in AREA_KINDS and _INCLUDING_RE.fullmatch(gap):
                out.append(t)  # "much of Anbar province, including Fallujah"
                cursor = t.end
                continue
            if gaz[t.place].kind in AREA_KINDS and re.match(
                r"^\s*,\s*(?:the\s+)?(?:\w+\s+)?(?:centre|center|capital|heart|seat)\s+of\s+"
                r"(?:the\s+)?$",
                gap,
                re.I,
            ):
                cursor = t.end  # "Mosul, the centre of Nineveh governorate": an apposition
                continue
            if re.match(
                r"^\s*,\s*(?:near|outside|around|close\s+to|not\s+far\s+from|on|along|at|by|"
                r"astride)\b",
                gap,
                re.I,
            ):
                continue  # "..., near the Syrian border": a landmark, not one more conjunct
            bare = re.sub(r"\band\s*,", "and", re.sub(_APPOSITIVE, ",", _TIME_RE.sub("", gap)))
            if (
                not _COORD_RE.match(gap)
                and not _COORD_RE.match(re.sub(_APPOSITIVE, ",", gap))
                and not _COORD_RE.match(bare)
            ):
                if re.match(r"^\s*(?:in|inside|within)\s+", gap, re.I) and len(gap) < 40:
                    cursor = t.end
                    continue
                if re.match(r"^\s*,", gap) and re.search(
                    r"\b(?:of|from|near|outside)\s+(?:the\s+)?$", gap, re.I
                ):
                    # "Bashir, a village ten miles south of the city, and Hawija": a landmark
                    # inside the apposition; the coordination may go on after it.
                    continue
                break
        out.append(t)
        cursor = t.end
    return _dedupe(out)


# "retook al-Qaim on November 3 and, a fortnight later, Rawa": time is no break.
_TIME_RE = re.compile(
    r"\s*\b(?:on|in|by|during|last|this|early|late)\s+(?:the\s+)?(?:(?:" + _MONTHS + r"|Jan|Feb|"
    r"Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?(?:\s+\d{1,2})?(?:,?\s+\d{4})?|\d{1,2}\s+(?:"
    + _MONTHS
    + r")(?:\s+\d{4})?|\w+day|week|weekend|month|year|\d{4}|morning|evening|night)\b",
    re.I,
)
_INCLUDING_RE = re.compile(
    r"(?:^|\b(?:towns?|cities|villages?|areas?|districts?|places|territory|settlements?|"
    r"communities|positions|strongholds?|neighbou?rhoods?|parts\s+of\s+[\w\s'’-]+?|"
    r"province|governorate)\s*),?\s*(?:including|such\s+as|among\s+them|notably)\s+"
    r"(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:(?:town|city|village|district)\s+of\s+)?$",
    re.I,
)


_PLACE_NOUN_OF_RE = re.compile(
    r"\b(?:city|cities|town|towns|village|villages|province|provinces|governorate|district|"
    r"hometown|birthplace|capital|region|stronghold|oil\s+hub|hub|crossing|base|refinery|dam|island|"
    r"airport|municipality|settlement|enclave|port|bastion|centre|center|heart|most|much|parts?|portions?|"
    r"thirds?|quarters?|fifths?|fraction|"
    r"half|rest|all|remainder|downtown|bulk|percent|per\s+cent|%[\"”’']?)\s+of\s*$",
    re.I,
)


_MODIFIER_NOUNS = (
    r"\s+(?:towns|villages|cities|areas|districts|tribes|tribesmen|residents|officials|"
    r"politicians|families|refugees|fighters|police|operations|front|road|highway|offensive|"
    r"governor|council|council's)\b"
)


def _strip_np(gap: str) -> str:
    """ "the strategic city of " -> "the strategic ": the "of" of a place noun is no landmark.

    A share in front goes too: "most of the western town of " -> " the western ".
    """
    return _SHARE_OF_RE.sub(" ", _PLACE_NOUN_OF_RE.sub(" ", gap))


_SHARE_OF_RE = re.compile(
    r"^\s*(?:the\s+)?(?:most|much|all|half|parts?|portions?|bulk|rest|remainder)\s+of\b", re.I
)


def _is_in_after_np(gap: str) -> bool:
    # "two villages in Adhaim": a nominal object located "in" a place keeps the place.
    return bool(
        re.search(
            r"^\s*(?:the\s+|a\s+|an\s+|two|three|four|five|several|some|many|\d+)?[\w\s'’-]*?"
            r"\b(?:villages?|towns?|areas?|neighbou?rhoods?|districts?|parts?|positions?|"
            r"checkpoints?|bases?|buildings?|facilities|oilfields?|fields?|territory|land|enclaves?|pockets?|portions?|"
            r"headquarters|airport|compound|refinery|quarters?|sections?|suburbs?|garrison|outpost|"
            r"crossing|stations?|complex|hospital|palaces?|university|mosque|church|barracks|"
            r"prison|bridge|market|neighbou?rhoods?|districts?)\s+(?:in|inside|of|at)\s+(?:the\s+)?"
            r"(?:\w+\s+){0,3}$",
            gap,
            re.I,
        )
    )


def _qualifies(gaz: Gazetteer, inner: str, outer: str) -> bool:
    a, b = gaz.get(inner), gaz.get(outer)
    return bool(a and b and (a.province == b.id or b.kind in AREA_KINDS))


def _left_places(
    sent: _Sentence,
    pos: int,
    targets: list[Mention],
    gaz: Gazetteer,
    landmarks: bool = False,
    asides: bool = True,
) -> list[Mention]:
    """The subject places before a trigger: the nearest place and those coordinated with it."""
    before = [t for t in targets if t.end <= pos]
    if not before:
        return []
    head = _apposition_head(sent, pos, before) if asides else None
    if head is not None:
        return [head]
    # The nearest place must not sit behind a clause break ("In Mosul, which fell, ...").
    chain: list[Mention] = []
    for t in reversed(before):
        if not chain:
            gap = _gap(sent, t.end, pos)
            if len(gap) > 140 or re.search(r"[;:]|\b(?:said|says|told)\b", gap):
                return []
            # A place inside a prepositional phrase ("near Mosul") is not a subject,
            # unless it is the only place before the trigger in its clause.
            lead = _gap(sent, max(sent.start, t.start - 40), t.start)
            if (
                gaz[t.place].kind in AREA_KINDS
                and re.search(r"\bin\s+(?:the\s+)?$", lead, re.I)
                and any(o.end <= t.start and gaz[o.place].kind in _POINT_KINDS for o in before)
            ):
                continue  # "Tal Afar ... one of the few places in the province still held by"
            if not landmarks and re.search(
                r"\b(?:near|from|outside|toward|towards|between|(?:fled|flew|went|travelled|traveled|"
                r"moved|headed|escaped|returned)\s+(?:back\s+)?to|(?:north|south|east|west|northeast|"
                r"northwest|southeast|southwest|north-east|north-west|south-east|south-west|miles|"
                r"kilometres|kilometers|km|edge|edges|outskirts|fringes)\s+of)\s+(?:the\s+)?(?:\w+\s+){0,2}$",
                lead,
                re.I,
            ):
                desc = re.search(
                    r"\b(?:city|town|village|province|district|hometown|capital)\s+of\s+$",
                    lead,
                    re.I,
                )
                if not desc:
                    continue
            chain.append(t)
            continue
        if (t.start, t.end) == (chain[-1].start, chain[-1].end):
            chain.append(t)  # "both towns": one phrase standing for several places
            continue
        gap = _gap(sent, t.end, chain[-1].start)
        if t.place == chain[-1].place or (
            re.match(r"^\s*,\s*(?:the\s+)?$", gap) and chain[-1].via == "description"
        ):
            chain.append(t)
            continue
        if re.match(r"^\s*(?:,\s*)?(?:in|of)\s+(?:the\s+)?$", gap, re.I) and _qualifies(
            gaz, t.place, chain[-1].place
        ):
            # "the town of X in Y province": keep X, drop Y.
            chain[-1] = t
            continue
        if _COORD_RE.match(gap) and len(gap) < 40:
            head = t
            if t.via == "anaphora":
                # "in Ramadi, the provincial capital, and ...": the aside's own head
                same = [o for o in before if o.place == t.place and o.end <= t.start]
                if same and re.fullmatch(r"\s*,\s*", _gap(sent, same[-1].end, t.start)):
                    head = same[-1]
            if "," in gap and re.search(
                r"\b(?:in|at|near|around|for|on|from|to|into|toward|towards|inside|outside)\s+"
                r"(?:the\s+)?$",
                _gap(sent, max(sent.start, head.start - 20), head.start),
                re.I,
            ):
                break  # "Fighting continues in Ramadi, ..., and much of Fallujah has been held"
            chain.append(t)
            continue
        break
    # The nearest mention of a repeated place is the one a copula links to.
    return list(reversed(_dedupe(chain)))


_STATE_LINK_RE = re.compile(
    r"^\s*(?:(?:province|governorate|city|town|village|district|sub-?district|area|refinery|dam|"
    r"base|airport|camp|crossing|border\s+crossing|bridge|checkpoint|(?:city\s+)?cent(?:re|er)|"
    r"downtown)\b\s*)?"
    # "Sulaiman Bek, Amerli, that whole belt is in the hands of the Hashd"
    r"(?:,\s*(?:that|this|the)\s+(?:whole\s+|entire\s+)?(?:belt|area|region|stretch|pocket|"
    r"corridor|zone|strip|valley)\s+)?"
    r"(?:,\s*)?(?:(?:which|that|it)\s+)?(?:(?:is|was|are|were|remains?|remained|stays?|no|longer|"
    r"not|never|been|has|have|had|itself|themselves|\"|“|”|"
    r"stayed|has|have|had|been|being|fell|came|come|comes|back|now|still|also|too|firmly|completely|"
    r"entirely|largely|partly|mostly|already|once|again|under|left|lies|lay|sits|is\s+now|"
    r"fully|totally|wholly|securely|"
    r"squarely|effectively|remain|both|all|each|,)\s*)*(?:,\s*)?$",
    re.I,
)


def _linked_left_places(sent: _Sentence, pos: int, targets, gaz) -> list[Mention]:
    """Subject places joined to a state phrase by a copula: "Mosul, now in rebel hands"."""
    head = _apposition_head(sent, pos, [t for t in targets if t.end <= pos])
    if head is not None:
        return [head]
    places = _left_places(sent, pos, targets, gaz, asides=False)  # asides already looked at
    if not places:
        return []
    # Any mention of the last place may carry the link ("Camp Speicher, the air base north
    # of the city, remains ..."); an appositive between does not break it.
    last = places[-1].place
    for t in sorted((t for t in targets if t.place == last and t.end <= pos), key=lambda t: -t.end):
        gap = re.sub(_APPOSITIVE, ",", re.sub(r"\s*\([^()]{0,60}\)", "", _gap(sent, t.end, pos)))
        if _STATE_LINK_RE.match(gap):
            return places
    return []


def _relative_antecedent(
    sent: _Sentence, ts: int, targets: list[Mention], gaz: Gazetteer, te: int | None = None
) -> list[Mention]:
    """For "X, which insurgents have held since March": the place before "which"."""
    before = _gap(sent, sent.start, ts)
    found = list(re.finditer(r"\b(?:which|that|where|whom)\b", before, re.I))
    if not found:
        return []
    m = found[-1]
    rel = m.start() + sent.start
    between = _gap(sent, m.end() + sent.start, ts)
    if re.search(r"[;:]|\b(?:said|says)\b", between):
        return []
    # ", which" attaches to the nearest place, even a landmark ("west of Mosul, which ...");
    # a bare "that" to the noun the place describes ("a town just north of Mosul that ...").
    restrictive = m.group().lower() == "that" and not re.search(r",\s*$", before[: m.start()])
    if restrictive and te is not None and _OBJECT_AFTER_RE.match(sent.text, te - sent.start):
        # "announced that the operations to liberate the city ...": the verb has an object
        # of its own, so "that" is no relative pronoun standing for a place.
        return []
    noun = re.search(
        r",\s*(?:an?|the)\s+(?:[\w-]+\s+){0,3}?(?:town|city|village|district|area|base|enclave|"
        r"stronghold|outpost|hub|crossing)\s+$",
        before[: m.start()],
        re.I,
    )
    if not restrictive and m.group().lower() == "which":
        # "the Speicher air base, a former U.S. facility on the city's edge, which ...": the
        # aside's noun is the base, so the clause is about the base.
        noun = re.search(
            r",\s*(?:an?|the)\s+(?:[\w.'’-]+\s+){0,3}?(?:town|city|village|base|facility|airbase|"
            r"airport|refinery|dam|complex|compound|enclave|outpost|crossing)\s+(?:on|in|near|"
            r"outside|at|along|by|just)\s+[^,;]{0,60},\s*$",
            before[: m.start()],
            re.I,
        )
    if noun:
        # "Sinjar, about 30 miles west of Tal Afar, a town that remains ...": the clause is
        # about the place the apposition's noun describes.
        comma = sent.start + noun.start()
        ahead = [t for t in _everything(sent, gaz) if t.end <= comma]
        if ahead and not _gap(sent, ahead[-1].end, comma).strip():
            earlier = [t for t in _everything(sent, gaz) if t.end <= ahead[-1].start]
            if earlier and _DIST_APPOSITION_RE.fullmatch(
                _gap(sent, earlier[-1].end, ahead[-1].start)
            ):
                return earlier[-1:]
            return ahead[-1:]
    found = _left_places(sent, rel, targets, gaz, landmarks=not restrictive)
    if found:
        # "Fallujah, 50 km west of Baghdad, which it seized": the relative clause is about
        # the place the distance describes, not the reference point.
        earlier = [t for t in targets if t.end <= found[0].start]
        if earlier and _DIST_APPOSITION_RE.fullmatch(_gap(sent, earlier[-1].end, found[0].start)):
            return earlier[-1:]
    return found


_DIST_APPOSITION_RE = re.compile(
    r"\s*,\s*(?:[^,;]{0,30}?\d[^,;]{0,40}?|(?:just\s+|directly\s+)?" + _BEARING + r")"
    r"\s+(?:of|from)\s+(?:the\s+)?",
    re.I,
)


def _dedupe(ms: list[Mention]) -> list[Mention]:
    seen, out = set(), []
    for m in ms:
        if m.place not in seen:
            seen.add(m.place)
            out.append(m)
    return out


def _actor_in(sent: _Sentence, start: int, end: int) -> str | None:
    for a in sent.actors:
        # An actor's possessive ("ISIS's") may run past a span that stops at the name.
        if a.start >= start and a.start < end and a.end <= end + 2:
            return a.actor
    return None


def _actor_after(sent: _Sentence, pos: int, within: int) -> str | None:
    for a in sent.actors:
        if pos <= a.start <= pos + within:
            return a.actor
    return None


def _actor_after_by(sent: _Sentence, pos: int) -> str | None:
    found = _actors_after_by(sent, pos)
    return found[0] if found else None


def _actors_after_by(sent: _Sentence, pos: int) -> list[str]:
    """The agents of a passive: "by Kurdish peshmerga and Iraqi troops" gives both."""
    rest = sent.text[pos - sent.start :]
    m = re.match(r"\s*(?:[\w'’]+\s+){0,6}?by\s+|\s*", rest, re.I)
    if m.group().strip() == "" and not re.match(
        r"\s*by\b", sent.text[pos - sent.start - 3 :], re.I
    ):
        if not sent.text[: pos - sent.start].rstrip().lower().endswith("by"):
            return []
    if re.search(r"[,;]", m.group()):
        return []
    start = pos + m.end()
    first = [a for a in sent.actors if start <= a.start <= start + 40]
    if not first:
        return []
    return _actor_chain(sent, first[0])


def _actor_chain(sent: _Sentence, first: ActorMention) -> list[str]:
    """The actor and those coordinated after it: "our forces and the Hashed al-Shaabi"."""
    chain = [first]
    for a in sent.actors:
        if a.start <= chain[-1].start:
            continue
        if re.match(
            r"^\s*(?:,\s*)?(?:and|as\s+well\s+as|together\s+with|along\s+with)?\s*(?:the\s+)?$",
            _gap(sent, chain[-1].end, a.start),
            re.I,
        ):
            chain.append(a)
        else:
            break
    return list(dict.fromkeys(a.actor for a in chain))


def _actor_after_to(sent: _Sentence, pos: int) -> str | None:
    rest = sent.text[pos - sent.start :]
    m = re.match(
        r"\s*(?:[\w'’.]+\s+){0,3}?(?:to|into\s+the\s+hands\s+of|into|under\s+the\s+control\s+of)\s+",
        rest,
        re.I,
    )
    if not m or re.search(r"[,;]", m.group()):
        return None
    return _actor_after(sent, pos + m.end(), within=40)


def _adjacent_actor_left(sent: _Sentence, pos: int) -> str | None:
    """ "the insurgent takeover of" / "ISIS's capture of": an actor right before the noun."""
    for a in reversed(sent.actors):
        if a.end <= pos:
            # "ISIS's swift capture of", never "held by the army after the fall of"
            if re.fullmatch(
                r"(?:['’]s?)?\s*(?:(?!(?:after|before|since|following|until|in|of|with|by|for|"
                r"and|or|but|during|amid|on|at|from|to|as|when|while)\b)[a-z-]+\s+){0,2}",
                _gap(sent, a.end, pos),
                re.I,
            ):
                return a.actor
            return None
    return None


_ACTOR_COORD_RE = re.compile(
    r"^\s*(?:,\s*)?(?:and|as\s+well\s+as|together\s+with|along\s+with)\s*"
    # "Iraqi troops and several thousand Shiite volunteers"
    r"(?:(?:the|several|some|many|hundreds|thousands|dozens|of|\d[\d,]*|hundred|thousand|allied)\s+){0,3}$",
    re.I,
)


def _subject_actors(sent: _Sentence, idx: int, sentences: list[_Sentence], pos: int) -> list:
    """The subject actors of a trigger: "Iraqi troops and Shiite militiamen drove ..."."""
    first = _subject_actor(sent, idx, sentences, pos)
    if first is None:
        return [None]
    left = [a for a in sent.actors if a.end <= pos]
    js = [k for k, a in enumerate(left) if a.actor == first]
    out = [first]
    # Partners coordinated with any mention of the subject's side ("Iraqi troops and several
    # thousand Shiite volunteers, many from the Badr Organisation, drove ...").
    for j in reversed(js):
        k = j
        while k > 0 and _ACTOR_COORD_RE.match(_gap(sent, left[k - 1].end, left[k].start)):
            out.append(left[k - 1].actor)
            k -= 1
        k = j
        while k + 1 < len(left) and _ACTOR_COORD_RE.match(
            _gap(sent, left[k].end, left[k + 1].start)
        ):
            out.append(left[k + 1].actor)
            k += 1
    return list(dict.fromkeys(out))


_SAID_THAT_RE = re.compile(
    r"^(?:['’]s?)?\s+(?:(?:\w+\s+){0,3}?(?:spokesman|spokeswoman|command|statement)\s+)?"
    r"(?:said|says|claimed|claims|announced|announces|stated|insisted|confirmed|added|reported|"
    r"declared|boasted|acknowledged|admitted)(?:\s+(?:on|late|early|in|at)\s+\w+(?:\s+\w+)?)?"
    r"(?:\s+(?:in|on)\s+(?:a|an|its|their)\s+[\w-]+(?:\s+[\w-]+)?)?\s*,?\s+(?:that\s+)?$",
    re.I,
)


def _speaker_of(sent: _Sentence, pron_pos: int, pron: str) -> str | None:
    """ "The army said it had regained Udaim": "it" and "they" after "X said" are X."""
    if pron.lower() not in ("it", "they", "its", "their"):
        return None
    for a in reversed([a for a in sent.actors if a.end <= pron_pos]):
        if _SAID_THAT_RE.match(_gap(sent, a.end, pron_pos)):
            return a.actor
        break
    return None


def _subject_actor(sent: _Sentence, idx: int, sentences: list[_Sentence], pos: int) -> str | None:
    """The actor doing the trigger: nearest named actor or pronoun before it."""
    candidates = [a for a in sent.actors if a.end <= pos]
    if (
        candidates
        and re.fullmatch(r"\s+to\s+", _gap(sent, candidates[-1].end, pos))
        and re.search(
            r"\b(?:attempts?|bids?|efforts?|push|drive|offensive|plans?)\s+by\s+(?:the\s+)?$",
            _gap(sent, max(sent.start, candidates[-1].start - 30), candidates[-1].start),
            re.I,
        )
    ):
        return candidates[-1].actor  # "an attempt by militants to seize Samarra"
    if candidates and re.fullmatch(
        r"\s*,?\s*(?:who|that)\s+(?:(?:had|has|have|also|later|then|first|\w+ly)\s+){0,2}",
        _gap(sent, candidates[-1].end, pos),
        re.I,
    ):
        return candidates[-1].actor  # "from ISIS fighters who had captured it overnight"
    best = None
    for a in reversed(candidates):
        before = _gap(sent, max(sent.start, a.start - 12), a.start)
        # An actor after "by"/"against"/"with" is not the subject of a later verb.
        if (
            re.search(r"\b(?:by|against|with|from|to|on)\s*(?:the\s+)?$", before, re.I)
            and not (
                # "fighters from the Islamic State overran Tikrit": members of the side act.
                re.search(
                    r"(?<!\bwith\s)(?<!\bagainst\s)(?<!\bby\s)(?<!\bthe\s)\b(?:fighters|militants|members|"
                    r"gunmen|units|troops|forces|soldiers|elements|men|militiamen|volunteers)\s+"
                    r"(?:from|of)\s+(?:the\s+)?$",
                    _gap(sent, max(sent.start, a.start - 30), a.start),
                    re.I,
                )
            )
            and not (
                # "With the militants advancing on Baghdad, ...": the subject of the participle.
                re.fullmatch(
                    r"\s*[\"“]?(?:With|Without)\s+(?:the\s+)?", _gap(sent, sent.start, a.start)
                )
                and re.match(
                    r"\s*(?:\w+\s+){0,3}?\w+ing\b", _gap(sent, a.end, min(sent.end, pos + 40))
                )
            )
        ):
            continue
        # Nor is the second of two coordinated actors ("the army and the militias"); after
        # a clause ("the roads are cut and the militants surround it") it is the subject.
        if re.search(r"\band\s+(?:the\s+)?$", before, re.I) and any(
            o.end <= a.start
            and re.fullmatch(r"\s*,?\s*and\s+(?:the\s+)?", _gap(sent, o.end, a.start), re.I)
            for o in candidates
        ):
            continue
        gap = _gap(sent, a.end, pos)
        if re.search(r"[;:]", gap):
            break
        lead_in = _gap(sent, max(sent.start, a.start - 160), a.start)
        if re.search(
            r"\bwith\s+(?:the\s+)?(?:\w+\s+)?(?:support|help|backing|assistance|cover|aid)\s+(?:of|from)\b"
            r"[^.;:]*$",
            lead_in,
            re.I,
        ) and re.fullmatch(r"\s*,\s*(?:\w+\s+){0,2}", gap):
            continue  # "Our forces, with the support of ... the coalition, today completed ..."
        if (
            re.fullmatch(r"[^,;:]*,\s*(?:\w+ly\s+)?", gap)
            and re.search(r",\s*[^,;:]*$", _gap(sent, sent.start, a.start))
            and any(o.end <= a.start and o.actor != a.actor for o in candidates)
        ):
            # "ISIS fighters, some wearing YPG uniforms, entered the town": a side named in
            # an aside is not the subject.
            continue
        best = a
        break
    # A pronoun nearer than any named actor refers back.
    pron_zone = _gap(sent, best.end if best else sent.start, pos)
    pron = None
    for pm in _PRONOUN_RE.finditer(pron_zone):
        pron = pm
    if pron is not None and pron.group().lower() not in ("which", "who"):
        pron_pos = (best.end if best else sent.start) + pron.start()
        speaker = _speaker_of(sent, pron_pos, pron.group())
        if speaker is not None:
            return speaker
        if pron.group().lower().split()[0] in ("it", "its") and _GROUP_WORDS_RE.search(
            _gap(sent, sent.start, pron_pos)
        ):
            # "The group said in a statement that it had also taken Rabia"
            return _group_actor(sent, idx, sentences, pron_pos)
        if _GROUP_WORDS_RE.match(pron.group()):
            return _group_actor(sent, idx, sentences, pron_pos)
        if pron.group().lower().startswith("the alliance"):
            # An alliance in these reports is the SDF or the coalition, never the group.
            return _context_actor(
                sent, idx, sentences, pron_pos, pronoun=True, exclude=frozenset({"isis"})
            )
        return _context_actor(
            sent,
            idx,
            sentences,
            pron_pos,
            pronoun=True,
            singular=pron.group().lower() in ("it", "its"),
        )
    if best is not None:
        return best.actor
    return None


def _told(earlier: dict[str, list[ControlClaim]], places) -> list[ControlClaim]:
    """The claims the article has already made about these places, in order."""
    return [c for p in _dedupe(places) for c in earlier.get(p.place, ())]


def _holders(sent: _Sentence, ts: int, places, earlier) -> frozenset[str]:
    """Who the article says holds these places: never their besieger."""
    out = {
        c.actor
        for c in _told(earlier, places)
        if c.actor and c.kind in ("holds", "captured") and not c.negated and not c.hypothetical
    }
    for a in sent.actors:
        if a.end <= ts and re.match(
            r"\s+(?:still\s+|now\s+)?(?:holds?|held|controls?|controlled|occupies|occupied)\b",
            sent.text[a.end - sent.start :],
            re.I,
        ):
            out.add(a.actor)
        # "Fallujah, held by ISIS since January, is surrounded": the holder named in an aside
        if a.end <= ts and re.search(
            r"\b(?:held|controlled|occupied|run|dominated)\s+by\s+(?:the\s+)?$|"
            r"\b(?:in\s+the\s+hands\s+of|under\s+the\s+control\s+of)\s+(?:the\s+)?$",
            sent.text[max(0, a.start - sent.start - 30) : a.start - sent.start],
            re.I,
        ):
            out.add(a.actor)
    return frozenset(out)


def _credited_actors(sent: _Sentence, ts: int) -> list[str]:
    """ "through the steadfastness of the Popular Mobilisation and their brothers in the Iraqi
    army, the area was liberated": the sides a statement credits with an agentless event."""
    m = re.search(
        r"\b(?:through|thanks\s+to|with\s+the\s+help\s+of|by\s+the\s+(?:efforts|hands)\s+of)\b",
        _gap(sent, sent.start, ts),
        re.I,
    )
    if m is None:
        return []
    start = sent.start + m.end()
    return list(
        dict.fromkeys(
            a.actor for a in sent.actors if start <= a.start and a.end <= ts and a.actor != "isis"
        )
    )


def _group_actor(sent: _Sentence, idx: int, sentences: list[_Sentence], pos: int) -> str | None:
    """ "the group", "its fighters": an armed group, never a state; in this war the Islamic
    State whenever the article has named it."""
    named = any(
        a.actor == "isis" and a.end <= pos
        for p in sentences[max(0, idx - _LOOKBACK) : idx + 1]
        for a in p.actors
    )
    if named:
        return "isis"
    return _context_actor(sent, idx, sentences, pos, exclude=_STATES)


def _named_before(sent: _Sentence, pos: int) -> bool:
    """An actor is named (or referred to by pronoun) before ``pos`` in this sentence."""
    if any(a.end <= pos for a in sent.actors):
        return True
    return bool(re.search(r"\b(?:they|it|the\s+group)\b", _gap(sent, sent.start, pos), re.I))


# How many sentences back a reference ("the city", "they", "50 miles to the south") may
# reach: enough for any article's paragraphs, and a bound on the work per sentence.
_LOOKBACK = 30
_POINT_KINDS = frozenset({"city", "town", "village", "facility"})
_STATES = frozenset({"iraqi-government", "united-states", "iran", "syrian-government"})
# Words for an armed group, never for a state: "the group overran Palmyra".
_GROUP_WORDS_RE = re.compile(
    r"\b(?:the\s+group|the\s+organi[sz]ation|the\s+movement|the\s+jihadists)\b",
    re.I,
)


_AIR_RE = re.compile(
    r"\b(?:aircraft|jets?|warplanes?|planes?|air\s*strikes?|drones?|air\s+force|aviation|bombers?|"
    r"gunships?|helicopters?)\b",
    re.I,
)


def _context_actor(
    sent: _Sentence,
    idx: int,
    sentences: list[_Sentence],
    pos: int,
    exclude_places: bool = False,
    captor: bool = False,
    exclude: frozenset[str] = frozenset(),
    pronoun: bool = False,
    singular: bool = False,
    ground: bool = False,
) -> str | None:
    """The actor a trigger without a named agent refers to.

    This sentence before ``pos`` (latest first), then this sentence after it (first
    first), then the subjects of the two sentences before. ``captor``: who took a place,
    never the government that lost it (unless it was retaken: ``exclude`` says who is out).
    """
    if captor and not exclude:
        exclude = frozenset({"iraqi-government"})

    def ok(a: ActorMention) -> bool:
        # "it" never stands for "government forces" or "the militants"; aircraft take no town.
        return (
            a.actor not in exclude
            and not (singular and _plural(a))
            and not ((captor or ground) and _AIR_RE.search(a.text))
        )

    before = [a for a in sent.actors if a.end <= pos and ok(a)]
    if pronoun:
        # "The militants attacked under a sandstorm that grounded coalition aircraft, and
        # they overran ...": a subject pronoun refers back to a subject, not an object.
        subjects = [a for a in before if _SUBJECT_LEAD_RE.search(_gap(sent, sent.start, a.start))]
        before = subjects or before
    if before:
        return _prefer_aggressor(before, captor)
    if captor:
        after = [a for a in sent.actors if a.start >= pos and ok(a)]
        if after:
            return after[0].actor
    fallback: list[ActorMention] | None = None
    for back in range(1, 4 if pronoun else 3):
        if idx - back < 0:
            break
        prev = sentences[idx - back]
        if pronoun:
            opening = prev.text.lstrip()
            group = _GROUP_WORDS_RE.search(opening)
            first_actor = prev.actors[0].start - prev.start if prev.actors else len(prev.text)
            if group and group.start() < first_actor:
                # "Isn't the group already beaten? It is badly weakened."
                return _group_actor(prev, idx - back, sentences, prev.start + group.end())
            if re.match(r"(?:(?:but|and|yet|still|now)\s+)?(?:it|they)\b", opening, re.I):
                continue  # "It is badly weakened. It no longer ...": the same referent
        # "They" picks up the previous sentence's subject: its first actor.
        subjects = [
            a
            for a in prev.actors
            if ok(a)
            and not re.search(
                r"\b(?:by|against|with|from|to|on|of|once|after|when|as)\s+(?:the\s+)?(?:\w+\s+)?$"
                # "Coalition aircraft struck ISIS positions": the object of a strike
                r"|\b(?:struck|hit|bombed|targeted|shelled|attacked|pounded|killed|fought)\s+(?:the\s+)?$",
                _gap(prev, max(prev.start, a.start - 25), a.start),
                re.I,
            )
            and not re.search(
                r",\s*(?:which|who|whom|where)\s+(?:\w+\s+){0,2}$",
                _gap(prev, max(prev.start, a.start - 30), a.start),
                re.I,
            )
        ]
        # "Police said the militants had taken the compound. They ...": the speaker of a
        # report is not whom the next sentence's "they" picks up.
        spoken = [a for a in subjects if not _SPEAKER_AFTER_RE.match(prev.text, a.end - prev.start)]
        subjects = spoken or subjects
        if subjects:
            return _prefer_aggressor(list(reversed(subjects)), captor)
        # Only objects here ("aircraft struck ISIS positions"): a subject further back first.
        if fallback is None and [a for a in prev.actors if ok(a)]:
            fallback = [a for a in prev.actors if ok(a)]
    if fallback:
        return _prefer_aggressor(list(reversed(fallback)), captor)
    if captor:
        # Fall back on the side the article has talked about most so far.
        counts: dict[str, int] = {}
        for prev in sentences[max(0, idx - _LOOKBACK) : idx + 1]:
            for a in prev.actors:
                if ok(a) and a.end <= pos:
                    counts[a.actor] = counts.get(a.actor, 0) + 1
        if "isis" in counts:
            return "isis"  # the side that takes and threatens towns in these reports
        if counts:
            return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        # An opening "The fall of Ramadi ..." names its captor in the sentences that follow.
        ahead = [a for nxt in sentences[idx + 1 : idx + 3] for a in nxt.actors if ok(a)]
        if ahead:
            return _prefer_aggressor(ahead, captor)
    return None


def _plural(a: ActorMention) -> bool:
    """ "government forces", "the militants": a plural noun, never referred to as "it"."""
    last = a.text.split()[-1] if a.text.split() else ""
    return last.islower() and last.endswith("s") and not last.endswith("ss")


_SUBJECT_LEAD_RE = re.compile(
    r"(?:^|[,;:\"“]\s*(?:and\s+|but\s+|then\s+)?|\b(?:and|but|as|when|after|while|before|"
    r"because|since|until|once)\s+)(?:the\s+)?(?:(?![\w’'-]*(?:ed|ing)\s)[\w’'-]+\s+){0,2}?$",
    re.I,
)


_SPEAKER_AFTER_RE = re.compile(
    r"(?:\s+\w+){0,3}?\s+(?:said|says|say|told|reported|claimed|announced|added|stated)\b", re.I
)


def _prefer_aggressor(pool: list[ActorMention], captor: bool) -> str:
    """The latest of the pool; for an agentless fall, the Islamic State if it is there (in
    this war a town that "fell" without a named captor fell to it)."""
    if captor and any(a.actor == "isis" for a in pool):
        return "isis"
    return pool[-1].actor


def _loser(sent, ts, te, places, captor) -> list:
    """ "militants seized X after the army withdrew": the army lost X."""
    out = []
    rest = sent.text[te - sent.start :]
    m = re.search(
        r"\b(?:after|as|when|once)\s+(?P<who>(?:the\s+)?[\w\s'’.-]{2,40}?)\s+(?:had\s+)?(?:withdrew|"
        r"retreated|fled|pulled\s+out|abandoned|deserted|melted\s+away|collapsed|surrendered)",
        rest,
        re.I,
    )
    if m:
        start = te + m.start("who")
        who = _actor_in(sent, start, te + m.end("who"))
        if who and who != captor:
            out += [(p, who, "lost", None) for p in places]
    # "retook the Mosul Dam from ISIS militants": lost by whoever it was taken from.
    end = _after_places(places, te)
    frm = re.match(r"\s*(?:[\w'’]+\s+){0,3}?from\s+", sent.text[end - sent.start :], re.I)
    if frm and not re.search(r"[,;]", frm.group()):
        who = _actor_after(sent, end + frm.end(), within=20)
        if who and who != captor and all(o[1] != who for o in out):
            out += [(p, who, "lost", None) for p in places]
    return out


def _claim(article, sent, m, place, actor, kind, hint, gaz) -> ControlClaim:
    ts = m.start()
    before = sent.text[:ts]
    negated = hint if hint is not None else _negated(sent.text, ts, m.end(), kind)
    hypothetical = _hypothetical(before, m.group(), kind)
    if (
        not hypothetical
        and _NOMINAL_RE.match(m.group())
        and re.search(r"(?:^|\bthat\s+|[,;:—–]\s*|\b(?:but|and)\s+)\s*$", before, re.I)
        and _MODAL_AFTER_RE.match(sent.text, m.end())
    ):
        hypothetical = True  # "The recapture of Tikrit ... would be the army's first success"
    if (
        not hypothetical
        and kind == "contested"
        and re.match(
            r"(?:an?\s+|the\s+)?(?:\w+\s+)?(?:assault|attack|offensive|battle|push|operation)s?\b",
            m.group(),
            re.I,
        )
        and re.match(
            r"[^,;.]{0,40}?\s+[\"“]?(?:(?:could|would|might|may|will)\s+(?:\w+\s+)?(?:come|begin|start|"
            r"be\s+launched|follow|take\s+place|happen)\b|(?:is|are|was|were)\s+(?:\w+ly\s+)?"
            r"(?:(?:expected|planned|scheduled|set|due|likely|slated|poised)\s+to\s+(?:begin|start|"
            r"come|be\s+launched|get\s+under\s*way|take\s+place)\b|(?:being\s+)?(?:planned|"
            r"prepared|readied)\b)|has\s+(?:yet|still)\s+to\s+(?:begin|start)\b|(?:has|have)\s+"
            r"(?:not|never)\s+(?:yet\s+)?(?:begun|started)\b)",
            sent.text[m.end() :],
        )
    ):
        # "an assault on the city itself could come within days", "the offensive on Mosul is
        # expected to begin next month", "has yet to start"
        hypothetical = True
    return ControlClaim(
        doc=article.id,
        place=place.place,
        actor=actor,
        kind=kind,
        negated=negated,
        hypothetical=hypothetical,
        quote=sent.text,
        start=sent.start,
        end=sent.end,
        attributed_to=_attribution(sent.text, ts),
        date=_clause_date(sent, ts, article),
        trigger=m.group(),
    )


_NOMINAL_RE = re.compile(
    r"(?:the\s+)?(?:fall|capture|seizure|takeover|recapture|retaking|re-taking|storming|"
    r"liberation|conquest|loss)\s+of\b",
    re.I,
)
# The nominal's verb is a modal: "[the fall of] Baghdad, the capital, would mean ...".
_MODAL_AFTER_RE = re.compile(
    r"[^,;.]{0,40}?(?:,(?:[^,;()]|\([^()]*\)){0,100},)?\s+(?:would|could|might|may|will)\s+"
    r"(?:(?:not|also|surely|likely|probably)\s+)?(?:be|mark|give|open|allow|deal|represent|cut|"
    r"hand|mean|leave|put|end|change|threaten|make|spell|become)\b",
)


_PARTICIPLE_CLAUSE_RE = re.compile(
    r",\s*(?:stressing|saying|adding|insisting|noting|explaining|pointing\s+out|affirming|"
    r"confirming|asserting)\b",
    re.I,
)


def _clause_before(text: str, pos: int) -> str:
    before = text[:pos]
    cut = max(
        before.rfind(";"),
        before.rfind(" but "),
        before.rfind(" while "),
        # " as " opens a clause ("as troops advanced"), not in "described ... as having"
        max((m.start() for m in re.finditer(r" as (?!having\b|being\b)", before)), default=-1),
        # "It no longer controls Mosul, which government forces declared liberated"
        before.rfind(", which "),
        before.rfind(", where "),
        # "has not been retaken and remains under ISIS control": a second predicate
        max(
            (
                m.start()
                for m in re.finditer(
                    r" and (?=(?:still\s+|now\s+|also\s+)?(?:remains?|remained|stays?|stayed|"
                    r"holds?|held|controls?|controlled|is\s+still|was\s+still|said|says|added|"
                    r"insisted|told|reported)\b)",
                    before,
                )
            ),
            default=-1,
        ),
        before.rfind(", who "),
        before.rfind(" — "),
        before.rfind(" – "),
        before.rfind(": "),
        # "denied that X fell, stressing that Y holds it": the denial ends with its clause.
        max(
            (m.start() for m in _PARTICIPLE_CLAUSE_RE.finditer(before)),
            default=-1,
        ),
    )
    # "X said the army had not lost the town": the negation may sit in the same clause only.
    return before[cut + 1 :] if cut >= 0 else before


_DENIED_AFTER_RE = re.compile(
    r"\b(?:were|was|are|is|proved|proven|turned\s+out\s+to\s+be)\s+(?:\w+ly\s+)?(?:false|untrue|"
    r"baseless|unfounded|incorrect|wrong|denied|inaccurate|fabricated)\b",
    re.I,
)


_LONG_DENIAL_RE = re.compile(
    r"\b(?:denied|denies|deny|denying|rejected|rejects|refuted|refutes|dismissed|dismisses)\s+"
    r"(?:[^.;]{0,120}?\b(?:reports?|claims?|lies|rumou?rs?|allegations?|accounts?)\b[^.;]{0,80}?"
    r"\b(?:that|claiming|saying|suggesting|alleging|of|about)\b|what\b[^.;]{0,80}?\b(?:about|of|"
    r"that)\b)[^.;]{0,120}$",
    re.I,
)


def _negated(text: str, ts: int, te: int, kind: str) -> bool:
    clause = _clause_before(text, ts)
    # "It did not, and that, rather than the recapture of Ramadi, ...": a new clause
    clause = re.split(r",\s+and\s+(?=\w+(?:,|\s+\w+))", clause)[-1]
    window = clause[-70:]
    if _NEG_RE.search(window):
        # "not only seized" is not a denial; "no sooner" neither.
        if not re.search(r"\bnot\s+only\b|\bno\s+sooner\b|\bwithout\s+a\s+fight\b", window, re.I):
            return True
    # "denies the lies spread by certain channels claiming that the terrorists recaptured":
    # a denial of reports reaches into the reported clause, however long the lead.
    if _LONG_DENIAL_RE.search(clause[-260:]):
        return True
    # "There was no fighting in Kirkuk", "no militants remain".
    if re.search(r"\bno\s+(?:\w+\s+){0,1}$", clause[-25:], re.I):
        return True
    after = text[te : te + 40]
    if re.match(r"\s*(?:nothing|no\s+(?:ground|territory|towns?|villages?))\b", after, re.I):
        return True
    # "Reports that Kurdish forces had seized Jalawla were false".
    if re.search(
        r"\b(?:reports?|claims?|rumou?rs?)\s+(?:that|of)\b", clause, re.I
    ) and _DENIED_AFTER_RE.search(text[te:]):
        return True
    return False


def _hypothetical(before: str, trigger: str, kind: str) -> bool:
    clause = _clause_before(before, len(before))
    if re.search(
        r"\b(?:thwarted|foiled|repelled|repulsed|blocked|halted|stopped|defeated)\s+(?:an?\s+|the\s+|"
        r"their\s+|its\s+)?(?:\w+\s+)?(?:attempts?|bids?|efforts?)\s+(?:by\s+[^,.;]{1,40}?\s+)?to\s+$"
        r"|\byet\s+to\s+$",
        clause[-120:],
        re.I,
    ):
        return False  # "troops thwarted an attempt to seize Samarra": a failed act, negated
    if re.search(
        r"(?:^|[;:\"“(]\s*)Had\s+(?!been\b)(?:[\w'’-]+\s+){1,4}$"
        r"|[;,]\s+had\s+(?:it|they|the\s+\w+|[A-Z][\w'’-]+)\s+(?:\w+\s+)?$",
        before,
    ):
        return True  # "Had Amerli fallen, ...": a counterfactual
    if re.search(
        r"\b(?:talk|prospects?|possibility|plans?|hopes?|fears?|risk|chances?|threat|rumou?rs?|"
        r"idea|dream)\s+of\s+(?:an?\s+|the\s+|any\s+)?(?:[\w-]+\s+){0,2}$"
        r"|\b(?:capable\s+of|(?<!un)able\s+to|ability\s+to|strong\s+enough\s+to)\s+(?:\w+\s+)?$",
        before[-80:],
        re.I,
    ):
        return True  # "the talk of an imminent push on Raqqa", "no force capable of holding it"
    # "May 17", "in May": a date, not a modal (which is written "may" inside a sentence).
    window = re.sub(r"\bMay(?=\s+\d)|(?<=\d\s)May\b|(?<=[a-z,]\s)May\b", "   ", clause[-60:])
    if _TO_INF_RE.search(window) and kind != "threatened" and not _FACT_INF_RE.search(window):
        return True  # "vowed to retake", "a push to recapture"
    if _HYPO_RE.search(window):
        # "has threatened to march on" is itself the claim, not a hypothesis about it.
        if kind == "threatened" and re.match(r"(?:threaten|vow|pledge|promise)", trigger, re.I):
            rest = window[_HYPO_RE.search(window).start() :]
            if not re.search(r"\b(?:if|could|would|might|may|unless)\b", rest, re.I):
                return False
        # "ISIS, which took Mosul, could" - a modal after the trigger is not seen here.
        return True
    return False


_ABBREV_DOT_RE = re.compile(r"\b(?:[A-Z][a-z]{0,4}|[A-Z](?:\.[A-Z])+)\.(?=\s|[A-Z])")


def _attribution(sentence: str, pos: int | None = None) -> str | None:
    """Who the sentence says it comes from; the clause around ``pos`` first.

    "State television said troops had regained Tal Afar, but a Turkmen politician said the
    militants still controlled the town": each claim gets its own clause's speaker.
    """
    # "Brig. Gen." keeps its dots out of the way (same length, so offsets hold).
    masked = _ABBREV_DOT_RE.sub(lambda m: m.group()[:-1] + "\u2024", sentence)
    if pos is not None:
        cuts = [0] + [
            m.end() for m in re.finditer(r";|,\s*(?:but|while|whereas)\b|\bbut\b", masked)
        ]
        start = max(c for c in cuts if c <= pos)
        ends = [
            m.start()
            for m in re.finditer(r";|,\s*(?:but|while|whereas)\b|\bbut\b", masked)
            if m.start() > pos
        ]
        end = min(ends) if ends else len(masked)
        found = _attribution_in(masked[start:end], sentence[start:end])
        if found:
            return found
    return _attribution_in(masked, sentence)


def _attribution_in(masked: str, sentence: str) -> str | None:
    found = _source_in(masked, sentence, _ATTRIB_RES[:2])
    if found is None:
        # "The Amaq news agency, which speaks for ISIS, said": skip the relative clause.
        cut = list(re.finditer(r",\s*(?:which|who)\s+[^,;\"“”]{1,60},", masked))
        for m in reversed(cut):
            masked = masked[: m.start()] + masked[m.end() :]
            sentence = sentence[: m.start()] + sentence[m.end() :]
        found = _source_in(masked, sentence, _ATTRIB_RES[:2] if cut else ())
    return found or _source_in(masked, sentence, _ATTRIB_RES[2:])


def _source_in(masked: str, sentence: str, rxs) -> str | None:
    for rx in rxs:
        for m in rx.finditer(masked):
            src = " ".join(sentence[m.start("src") : m.end("src")].split()).strip(" ,.'\"“”")
            src = re.sub(r"^(?:and|but|as|while|also)\s+", "", src, flags=re.I)
            # "By Sunday evening the army said": the time is not part of the source
            src = re.sub(
                r"^(?:By|On|Late|Early|Later)\s+(?:on\s+)?(?:\w+day|[A-Z]\w+\s+\d{1,2})"
                r"(?:\s+(?:evening|morning|night|afternoon))?,?\s+",
                "",
                src,
            )
            src = re.sub(r"\s+\w+ly$", "", src)  # "The Commission categorically denies"
            src = re.sub(
                r"\s+(?:now|still|also|later|(?:have|has|had)\s+not)$", "", src, flags=re.I
            )
            src = re.sub(r"^(?:UPDATE|CORRECTION)\b[^:]{0,25}:\s*", "", src)  # "UPDATE 2: ..."
            # "The government has said": the auxiliary is not part of the source.
            src = re.sub(
                r"\s+(?:has|have|had|also|later|previously|earlier|repeatedly)$",
                "",
                src,
                flags=re.I,
            )
            if len(src) < 3 or _NOT_SOURCES.match(src):
                continue
            if re.match(r"(?:which|who|whom|that|where|when)\b", src, re.I):
                continue  # "Mosul, which government forces declared liberated"
            if re.search(r"\b(?:was|were|is|are|been|being|be)$", src, re.I):
                continue  # "heavy fighting was reported": a passive, not a source
            src = re.sub(
                r"\s+(?:dismissed|denied|rejected|confirmed|disputed|questioned|refuted|echoed)$",
                "",
                src,
            )  # "Officials dismissed reports that ...": the officials
            if re.match(
                r"(?:in|on|at|near|from|that|to|by|as|after|before|for|with|during|overnight|"
                r"contrary|despite|amid)\b",
                src,
                re.I,
            ):
                continue  # "reported in Baiji on Tuesday": a place or time, not a source
            if len(src.split()) > 10:
                continue
            return src
    return None


_SHIFT_RE = re.compile(
    r"\b(?P<n>a|one|two|three|four|five|six|\d+)\s+days?\s+(?P<dir>later|after|before|earlier)\b|"
    r"\b(?:the\s+)?(?P<next>next|following)\s+(?:day|morning|evening|night)\b|"
    r"\bthe\s+(?P<prev>previous|preceding)\s+(?:day|morning|evening|night)\b",
    re.I,
)
_SMALL = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_ORDINALS = [
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
    "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
    "seventeenth", "eighteenth", "nineteenth", "twentieth",
]  # fmt: skip


def _clause_date(sent: _Sentence, ts: int, article: Article) -> str | None:
    """The date of the comma-delimited part around the trigger, else of the whole sentence."""
    text = sent.text
    cuts = [0] + [m.end() for m in re.finditer(r"[,;]", text)]
    start = max(c for c in cuts if c <= ts)
    ends = [m.start() for m in re.finditer(r"[,;]", text) if m.start() >= ts]
    end = min(ends) if ends else len(text)
    part = text[start:end]
    previous = _previous_date(sent, article)
    whole = _claim_date(text, article.published, previous)
    shift = _SHIFT_RE.search(part)
    if shift or _REL_DATE_RE.search(part):
        dated_before = bool(start and _REL_DATE_RE.search(text[:start]))
        earlier = (
            _claim_date(text[:start], article.published, None, shifts=False)
            if dated_before
            else None
        )
        if (
            shift
            and earlier
            and (shift.group("dir") or "").lower() in ("after", "before")
            and not _REL_DATE_RE.search(part[shift.end() :])
        ):
            # "Rutba fell on Sunday, a day after the militants took al-Qaim": the event in
            # the "after" clause is the earlier one.
            n = shift.group("n")
            days = int(n) if n.isdigit() else _SMALL[n.lower()]
            sign = -1 if shift.group("dir").lower() == "after" else 1
            return (date.fromisoformat(earlier) + timedelta(days=sign * days)).isoformat()
        return _claim_date(part, article.published, earlier or previous)
    return whole


def _previous_date(sent: _Sentence, article: Article) -> str | None:
    """The date the sentence before this one gives, for "a day later", "the next morning"."""
    before = article.text[max(0, sent.start - 400) : sent.start]
    spans = split_sentences(before)
    if len(spans) < 1:
        return None
    last = before[spans[-1][0] : spans[-1][1]]
    return _claim_date(last, article.published, None, shifts=False)


def _claim_date(
    sentence: str, published: str | None, previous: str | None = None, shifts: bool = True
) -> str | None:
    if not published:
        return None
    try:
        pub = date.fromisoformat(published)
    except ValueError:
        return None
    shift = _SHIFT_RE.search(sentence) if shifts else None
    if shift is not None:
        # "a day after Sunday": the date named after the shift; "a day later": the last one.
        if shift.group("n"):
            days = (
                int(shift.group("n"))
                if shift.group("n").isdigit()
                else _SMALL[shift.group("n").lower()]
            )
            sign = 1 if shift.group("dir").lower() in ("later", "after") else -1
        else:
            days, sign = 1, (1 if shift.group("next") else -1)
        anchor_text = (
            sentence[shift.end() :]
            if (shift.group("dir") or "").lower() in ("after", "before")
            else ""
        )
        anchor = (
            _claim_date(anchor_text, published, None, shifts=False) if anchor_text else previous
        )
        if anchor_text and anchor == published and not _REL_DATE_RE.search(anchor_text):
            anchor = previous
        if anchor:
            return (date.fromisoformat(anchor) + timedelta(days=sign * days)).isoformat()
    ago = re.search(
        r"\b(?P<n>a|one|two|three|four|five|six|\d+)\s+(?P<u>days?|weeks?)\s+ago\b", sentence, re.I
    )
    if ago:
        n = int(ago.group("n")) if ago.group("n").isdigit() else _SMALL[ago.group("n").lower()]
        return (
            pub - timedelta(days=n * (7 if ago.group("u").lower().startswith("w") else 1))
        ).isoformat()
    ordinal = re.search(
        rf"\bthe\s+(?P<o>{'|'.join(_ORDINALS)}|\d{{1,2}}(?:st|nd|rd|th))\s+of\s+(?P<mon>{_MONTHS})\b",
        sentence,
        re.I,
    )
    if ordinal:
        o = ordinal.group("o").lower()
        day = _ORDINALS.index(o) + 1 if o in _ORDINALS else int(re.match(r"\d+", o).group())
        month = _MONTHS.split("|").index(ordinal.group("mon").title()) + 1
        try:
            d = date(pub.year, month, day)
        except ValueError:
            d = None
        if d is not None:
            if d > pub + timedelta(days=14):
                d = d.replace(year=d.year - 1)
            return d.isoformat()
    for m in _REL_DATE_RE.finditer(sentence):
        if re.search(r"\bsince\s+(?:early\s+|late\s+|mid-?)?$", sentence[: m.start()], re.I):
            continue  # "held since June 2014": a state that lasts to the report's day
        if m.group("my") or m.group("mon") or m.group("yr"):
            month = _MONTHS.split("|").index((m.group("my") or m.group("mon") or "January").title())
            year = int(m.group("myear") or m.group("yr") or pub.year)
            d = date(year, month + 1, 1)
            if d > pub and not (m.group("myear") or m.group("yr")):
                d = d.replace(year=year - 1)
            if d > pub:
                continue
            return d.isoformat()
        if m.group("wd"):
            target = _WEEKDAYS.index(m.group("wd").lower())
            back = (pub.weekday() - target) % 7
            if m.group("last") and m.group("last").lower() == "last" and back == 0:
                back = 7
            return (pub - timedelta(days=back)).isoformat()
        if m.group("yest"):
            w = m.group("yest").lower()
            return (pub - timedelta(days=1 if w in ("yesterday", "overnight") else 0)).isoformat()
        if m.group("week"):
            days = {"week": 7, "weekend": 2, "month": 30}[m.group("week").lower()]
            return (pub - timedelta(days=days)).isoformat()
        if m.group("md"):
            md = m.group("md")
            hit = parse_date(md if re.search(r"\d{4}", md) else f"{md} {pub.year}")
            if hit:
                d = date.fromisoformat(hit[0])
                # A date just after publication is an update ("UPDATE (Fri 19 Feb)"); one
                # months ahead is last year's.
                if d > pub + timedelta(days=14) and not re.search(r"\d{4}", md):
                    d = d.replace(year=d.year - 1)
                return d.isoformat()
    return published


# ---------------------------------------------------------------------------------------
# Distance claims
# ---------------------------------------------------------------------------------------


def _number(s: str) -> float | None:
    s = " ".join(s.lower().replace("-", " ").split())
    if re.fullmatch(r"\d+\s+1/2", s):
        return float(s.split()[0]) + 0.5
    if re.fullmatch(r"[\d,]+(?:\.\d+)?", s):
        return float(s.replace(",", ""))
    if s in _NUMBER_WORDS:
        return float(_NUMBER_WORDS[s])
    parts = [w for w in s.split() if w != "and"]
    if "hundred" in parts:
        # "a hundred and seventy", "two hundred fifty"
        k = parts.index("hundred")
        head = parts[:k]
        times = _NUMBER_WORDS.get(" ".join(head), 1) if head else 1
        rest = _number(" ".join(parts[k + 1 :])) if parts[k + 1 :] else 0.0
        return None if rest is None else float(times * 100 + rest)
    if len(parts) == 2 and parts[0] in _NUMBER_WORDS and parts[1] in _NUMBER_WORDS:
        return float(_NUMBER_WORDS[parts[0]] + _NUMBER_WORDS[parts[1]])
    return None


def _unit(s: str) -> str:
    s = s.lower()
    if s.startswith("mi"):
        return "mi"
    if s.startswith("k"):
        return "km"
    return "m"


def _bearing(s: str | None) -> str | None:
    if not s:
        return None
    key = re.sub(r"[\s-]", "", s.lower())
    key = re.sub(r"wards?$", "ward", key)
    return _BEARING_8.get(key) or _BEARING_8.get(key.removesuffix("ward"))


def extract_distance_claims(
    article: Article,
    sentences: list[_Sentence],
    gazetteer: Gazetteer,
    spans: list[tuple[int, int]] | None = None,
) -> list[DistanceClaim]:
    """Distance claims of every sentence: value, unit, bearing, located place and reference.

    ``spans`` (if given) receives each claim's phrase, from the figure to the reference.
    """
    out: list[DistanceClaim] = []
    for idx, sent in enumerate(sentences):
        prev = None
        if not _UNIT_HINT_RE.search(sent.text):
            continue  # the full pattern is costly; most sentences give no distance
        for m in _DIST_RE.finditer(sent.text):
            found = _distance(article, sent, idx, sentences, m, gazetteer, prev)
            if found is not None:
                out.append(found[0])
                out += _shared_distance(sent, found[0], m.start() + sent.start, gazetteer)
                prev = found
                if spans is not None:
                    spans.append(found[1])
    return out


# "Khalidiya and Habbaniyah, which lie 25 km east of Ramadi": a plural verb (or "both",
# "all") between the coordinated places and the figure puts every one of them there.
_SHARED_RE = re.compile(
    r"\s*,?\s*(?:(?:which|that)\s+)?(?:both\s+|all\s+)?(?:(?:both|all)\s*,?\s*$|"
    r"(?:lie|are|sit|stand|were)\s+(?:both\s+|all\s+)?(?:located\s+|situated\s+)?"
    r"(?:(?:just|only|about|some|roughly|around|nearly|approximately)\s+)?$)",
    re.I,
)


def _shared_distance(
    sent: _Sentence, claim: DistanceClaim, dist_start: int, gaz: Gazetteer
) -> list[DistanceClaim]:
    """Copies of a distance for the places coordinated with the one it locates."""
    if claim.place is None:
        return []
    located = [t for t in sent.mentions if t.place == claim.place and t.end <= dist_start]
    if not located or not _SHARED_RE.fullmatch(
        sent.text, located[-1].end - sent.start, dist_start - sent.start
    ):
        return []
    chain = _left_places(
        sent, located[-1].end, [t for t in sent.mentions if t.via != "anaphora"], gaz
    )
    others = _dedupe([t for t in chain if t.place not in (claim.place, claim.reference)])
    return [replace(claim, place=t.place) for t in others]


def _distance(article, sent, idx, sentences, m, gaz, prev=None) -> DistanceClaim | None:
    num_text = m.group("num")
    value = _number(num_text)
    # A figure beyond the theatre (or beyond a float) is no distance between two places.
    if (
        value is None
        or not math.isfinite(value)
        or value * KM_PER_UNIT[_unit(m.group("unit"))] > 5000
    ):
        return None
    unit = _unit(m.group("unit"))
    unit_text = m.group("unit").lower()
    # "a" and "an" only count as one in "a mile"; bare "m" needs digits ("5 m", not "a m").
    if num_text.lower() in ("a", "an") and not unit_text.startswith(("mile", "kilo")):
        return None
    if unit_text == "m" and not re.match(r"\d", num_text):
        return None
    # "a few hundred metres", "several miles": too vague to check.
    if re.search(
        r"\b(?:few|several|many|dozens\s+of|hundreds\s+of|tens\s+of)\s*$",
        sent.text[: m.start()],
        re.I,
    ):
        return None
    bearing = _bearing(m.group("bearing"))
    prep = (m.group("prep") or "").lower()
    s0 = sent.start
    dist_start, dist_end = m.start() + s0, m.end() + s0
    qual = " ".join((m.group("qual") or "").lower().split())
    tail = (m.group("tail") or "").lower()
    away = not prep and not bearing and "away" in tail
    if (
        not prep
        and not bearing
        and re.search(r"further|farther|up\s*(?:the\s+)?river|downriver|upstream|downstream", tail)
    ):
        # "Haditha, 43 miles further up the river": from the place the text is about.
        located = _located_place(sent, dist_start, gaz)
        ref = _context_place(sent, idx, sentences, dist_start, located, gaz)
        if located is not None and ref is not None and ref.place != located.place:
            return _make_distance(article, sent, m, located, ref, value, unit, None, qual)
    # "The drive from Baghdad to Samarra is 125 km": the destination from the origin.
    route = re.search(
        r"\bfrom\s+(?P<a>[^,;.]{2,40}?)\s+to\s+(?P<b>[^,;.]{2,40}?)\s+(?:is|was|takes|took|of)\s+"
        r"(?:about\s+|some\s+|roughly\s+|around\s+|nearly\s+|just\s+)?$",
        sent.text[: m.start()],
        re.I,
    )
    if route and not prep and not bearing:
        a0, b0 = route.start("a") + sent.start, route.start("b") + sent.start
        origin = next(
            (t for t in sent.mentions if a0 <= t.start < route.end("a") + sent.start), None
        )
        dest = next((t for t in sent.mentions if b0 <= t.start < route.end("b") + sent.start), None)
        if origin is not None and dest is not None and origin.place != dest.place:
            return _make_distance(article, sent, m, dest, origin, value, unit, None, qual)
    if away:
        # "the Syrian border, roughly 35 miles away": the border is the reference and the
        # place the text is about lies that far from it; "Tuz Khurmatu, some 20 km away":
        # the town named lies that far from the place the text is about.
        ref = _located_place(sent, dist_start, gaz, borders=True)
        if ref is None:
            return None
        here = _context_place(sent, idx, sentences, ref.start, ref, gaz)
        if here is None or gaz[here.place].kind in ("border",) + tuple(_NOT_REFERENCES):
            return None
        if gaz[ref.place].kind != "border":
            return _make_distance(article, sent, m, ref, here, value, unit, None, qual)
        return _make_distance(article, sent, m, here, ref, value, unit, None, qual)
    if not prep and not bearing:
        return None
    if prep == "in" and not bearing:
        return None
    # The reference: the place after "of/from", or (for "50 miles to the southwest") the
    # place the sentence or the one before it is about.
    reference: Mention | None = None
    if prep:
        after = [t for t in sent.mentions if t.start >= dist_end]
        if after and len(_gap(sent, dist_end, after[0].start)) <= 45:
            gap = _gap(sent, dist_end, after[0].start)
            if not re.search(r"[;:]|\b(?:and|but|which|where)\b", gap):
                reference = after[0]
                # "Diyala's capital, Baquba": the capital, not the province.
                if gaz[reference.place].kind in AREA_KINDS and len(after) > 1:
                    nxt = after[1]
                    between = _gap(sent, reference.end, nxt.start)
                    if re.match(
                        r"^(?:['’]s)?\s*(?:provincial\s+)?capital\s*,?\s*(?:the\s+city\s+of\s+)?$",
                        between,
                        re.I,
                    ):
                        reference = nxt
        if reference is None and re.match(r"\s*(?:it|the\s+latter)\b", sent.text[m.end() :], re.I):
            # "Saadiya lies 10 km to the south of it": the place the sentence is about.
            here = _located_place(sent, dist_start, gaz)
            reference = next(
                (
                    t
                    for t in sent.mentions
                    if t.start < dist_start
                    and gaz[t.place].kind in _POINT_KINDS
                    and (here is None or t.place != here.place)
                ),
                None,
            )
        if reference is None:
            return None
        if bearing is None:
            # "roughly 60 kilometres from Mosul to the northwest"
            late = re.match(
                rf"\s*,?\s*(?:to|in)\s+the\s+(?P<b>{_BEARING})\b",
                sent.text[reference.end - s0 :],
                re.I,
            )
            if late:
                bearing = _bearing(late.group("b"))
        if gaz[reference.place].kind == "water":
            return None  # a river is a line with no single point to measure from
    located = _located_place(sent, dist_start, gaz)
    if (
        located is None
        and (
            re.match(
                r"\s*(?:and\s+|but\s+)?it\s+(?:also\s+)?(?:lies|sits|is|stands|was)\s+"
                r"(?:located\s+|situated\s+)?(?:just\s+|only\s+)?$",
                sent.text[: m.start()],
                re.I,
            )
            # "Until August, it was the largest Christian town in Iraq, ..., about 30 km southeast
            # of Mosul"; "Its center is barely half a mile from the Turkish border"
            or (
                not [
                    t
                    for t in sent.mentions
                    if t.end <= dist_start and gaz[t.place].kind not in _NOT_REFERENCES
                ]
                and re.match(
                    r"\s*(?:[^,;:]{0,40},\s*)?(?:it\s+(?:is|was|lies|sits|stands|remains)\b|"
                    r"its\s+(?:\w+\s+)?(?:centre|center|edge|outskirts|heart|downtown|old\s+city)\s+"
                    r"(?:is|was|lies|sits|stands)\b)",
                    sent.text[: m.start()],
                    re.I,
                )
            )
        )
    ):
        # "It lies fifteen miles south-east of Mosul": the place the last sentence was about.
        located = next(
            (
                t
                for t in (sentences[idx - 1].mentions if idx > 0 else ())
                if gaz[t.place].kind in _POINT_KINDS
            ),
            None,
        )
    if (
        located is None
        and sent.topic is not None
        and re.fullmatch(
            r"\s*(?:(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}?(?:town|city|village|junction|crossroads|"
            r"hub|base|district|area|dam|outpost|camp)\s*,?\s*)?"
            r"(?:(?:it\s+)?(?:lies|sits|is|stands|located|situated)\s+)?",
            re.split(r"[.;:—–]", sent.text[: m.start()])[-1],
            re.I,
        )
    ):
        located = sent.topic  # "Kubaisa — ISF-held. Retaken 4 Mar; lies some 20 km west of Hit."
    if located is None and prev is not None and prev[0].place is not None:
        # "lies 30 miles from the border and some 70 miles west of Mosul": the same place.
        if re.fullmatch(
            r"\s*,?\s*(?:and|but|or)?\s*",
            re.sub(_APPOSITIVE, ",", sent.text[prev[1][1] - sent.start : m.start()]),
        ):
            located = next((t for t in sent.mentions if t.place == prev[0].place), None)
    if located is None and reference is not None and gaz[reference.place].kind != "border":
        # "Some 200 kilometres north of Baghdad, the siege of the Baiji refinery is ...": a
        # fronted figure places what the sentence goes on to talk about.
        lead_ok = re.fullmatch(
            r"\s*(?:[\"“]\s*)?(?:(?:Located|Situated|Lying|Sitting|Nestled|Perched)\s+)?",
            sent.text[: m.start()],
        )
        link = re.match(
            r"\s*,\s*|\s*,?\s*(?:lies|lay|sits|sat|stands|stood|is|was)\s+(?:the\s+(?:town|city|village)\s+of\s+)?",
            sent.text[reference.end - s0 :],
        )
        if lead_ok and link:
            cut = reference.end + link.end()
            located = next(
                (
                    t
                    for t in sent.mentions
                    if t.start >= cut
                    and len(_gap(sent, cut, t.start)) <= 40
                    and gaz[t.place].kind in _POINT_KINDS
                ),
                None,
            )
    if reference is not None and located is not None:
        reference = _border_for(reference, located, gaz)
    elif reference is not None and gaz[reference.place].kind == "border":
        # "within 50 miles of the Turkish border", no place named: the side of the border the
        # article is about.
        about = _context_place(sent, idx, sentences, dist_start, None, gaz)
        if about is not None:
            reference = _border_for(reference, about, gaz)
    if reference is None:
        if not m.group("to_the") and not bearing:
            return None
        reference = _context_place(sent, idx, sentences, dist_start, located, gaz)
        if reference is None:
            return None
    if located is not None and located.place == reference.place and reference.via == "anaphora":
        # "Khalidiya and Habbaniyah, which lie 25 km east of the city": the city is another
        # place than the ones located, named before them.
        chain = _left_places(
            sent, located.end, [t for t in sent.mentions if t.via != "anaphora"], gaz
        )
        first_start = min([t.start for t in chain] + [located.start])
        pool = [t for t in reversed(sent.mentions) if t.end <= first_start]
        for prev in reversed(sentences[max(0, idx - 2) : idx]):
            pool += list(reversed(prev.mentions))
        reference = next(
            (
                t
                for t in pool
                if t.via != "anaphora"
                and gaz[t.place].kind in ("city", "town")
                and t.place not in {c.place for c in chain}
            ),
            reference,
        )
    if located is not None and located.place == reference.place:
        return None
    return _make_distance(article, sent, m, located, reference, value, unit, bearing, qual)


def _make_distance(article, sent, m, located, reference, value, unit, bearing, qual):
    """The claim, and the span from the figure to the reference (landmarks for control)."""
    dist_start, dist_end = m.start() + sent.start, m.end() + sent.start
    num2 = _number(m.group("num2")) if m.group("num2") else None
    bound = None
    if qual.startswith(
        (
            "within",
            "less than",
            "up to",
            "under",
            "at most",
            "fewer than",
            "no more than",
            "just under",
        )
    ):
        bound = "upper"
    elif qual.startswith(("more than", "over", "at least", "just over")):
        bound = "lower"
    approximate = bool(qual) and qual not in ("just", "only", "within", "up to", "at most")
    phrase = (dist_start, max(dist_end, reference.end if reference.start >= dist_start else 0))
    return DistanceClaim(
        doc=article.id,
        place=located.place if located else None,
        reference=reference.place,
        value=value,
        unit=unit,
        reported_km=round(to_km(value, unit), 3),
        bearing=bearing,
        quote=sent.text,
        start=sent.start,
        end=sent.end,
        approximate=approximate or bound is not None,
        value_max=num2 if num2 is not None and num2 > value else None,
        bound=bound,
    ), phrase


def _border_for(reference: Mention, located: Mention, gaz: Gazetteer) -> Mention:
    """ "Zumar, 30 miles from the Turkish border": Iraq's border with Turkey, not Syria's."""
    ref, here = gaz[reference.place], gaz[located.place]
    if ref.kind != "border" or not here.countries or set(here.countries) & set(ref.countries):
        return reference
    home = here.countries[0]
    # The same words may name several borders ("the Turkish border"): the one on this side.
    for form in gaz.lookup(norm_tokens(reference.text)):
        cand = gaz[form.place]
        if cand.kind == "border" and home in cand.countries:
            return Mention(
                reference.doc,
                cand.id,
                reference.text,
                reference.start,
                reference.end,
                reference.via,
            )
    for foreign in ref.countries:
        for p in gaz:
            if p.kind == "border" and set(p.countries) == {home, foreign}:
                return Mention(
                    reference.doc,
                    p.id,
                    reference.text,
                    reference.start,
                    reference.end,
                    reference.via,
                )
    return reference


_UNIT_HINT_RE = re.compile(
    r"(?i)\b(?:mi|miles?|kms?|kilomet\w*|met(?:re|er)s?|m)\b|\d-?(?:mile|km|kilomet|met)"
)


_PREDICATE_START_RE = re.compile(
    r"\s*(?:is|was|are|were|lies|lay|sits|sat|stands|stood|fell|falls|has|have|had|remains|"
    r"remained|became|borders|straddles)\b",
    re.I,
)
_HEAD_LINK_RE = re.compile(
    r"\s*,\s*(?:(?:is|was|are|were|has|have|had|been|being|also|still|now|already|itself|"
    r"later|then|remains?|remained|stays?|stayed|not|never|no\s+longer|\w+ly)\s+)*"
    # "Tel Keppe, ..., has not been retaken and remains under ISIS control": a second
    # predicate of the same subject
    r"(?:[^,;:]{0,80}?\band\s+(?:(?:still|now|also)\s+)?(?:remains?|remained|is|was|are|were|"
    r"has|have|had|stays?|stayed)\s+(?:(?:still|now|firmly|been|not)\s+)*)?",
    re.I,
)


def _apposition_head(
    sent: _Sentence, pos: int, before: list[Mention], located: bool = False
) -> Mention | None:
    """ "Rutba, on the main highway to Amman, about 120 km east of the border, was overrun":
    the place whose asides run up to the trigger, not the landmarks inside them."""
    for h in before[:1]:
        # Only the sentence's subject: "Rutba, ..." or "The refinery, ...", not a place in a list.
        if not re.fullmatch(
            # (after a wire flash's time stamp and tag: "02/03 08:40 URGENT - Camp Speicher, ...")
            r"\s*(?:\d{1,2}[/:.]\d{2}(?:[/:.]\d{2,4})?\s+)*(?:(?:URGENT|BREAKING|UPDATE|FLASH|ALERT)"
            r"\s*[-:–—]\s*)?[\"“]?(?:[Tt]he\s+(?:[a-z][\w-]*\s+){0,2}?)?(?:(?:town|city|village)\s+of\s+)?",
            _gap(sent, sent.start, h.start),
        ):
            return None
        gap = _gap(sent, h.end, pos)
        if not gap.lstrip().startswith(","):
            continue
        flat = re.sub(r"\s*\([^()]{0,60}\)", "", gap)
        while True:
            aside = re.match(_APPOSITIVE, flat.lstrip())
            # An aside is a description; a finite verb starts the predicate instead, and a
            # dash ends a dateline ("SAMARRA, Iraq, June 20 — Thousands of ...").
            if (
                aside is None
                or _PREDICATE_START_RE.match(aside.group()[1:])
                or re.search(r"\s[—–-]\s", aside.group())
            ):
                break
            flat = "," + flat.lstrip()[aside.end() :]
        if flat != gap and (_LINK_RE.match(flat) if located else _HEAD_LINK_RE.fullmatch(flat)):
            return h
    return None


def _located_place(
    sent: _Sentence, pos: int, gaz: Gazetteer, borders: bool = False
) -> Mention | None:
    before = [
        t
        for t in sent.mentions
        if t.end <= pos
        and gaz[t.place].kind
        not in (("country", "water") if borders else ("country", "water", "border"))
    ]
    # The nearest place joined to the figure by a copula or a comma, skipping appositives:
    # "Ramadi, the capital of Anbar province, lies about 65 miles ...".
    for t in reversed(before[-4:]):
        gap = _gap(sent, t.end, pos)
        if _LINK_RE.match(gap) or _LINK_RE.match(re.sub(_APPOSITIVE, ",", gap)):
            head = _apposition_head(
                sent, pos, [b for b in before if b.end <= t.start] + [t], located=True
            )
            return head or t
    # "Al-Qaim sits on the Euphrates right against the Syrian frontier, about 210 miles west
    # of Baghdad": the subject of a verb of location, whatever landmarks follow the verb.
    subject = next(
        (t for t in sent.mentions if gaz[t.place].kind not in ("country", "water")), None
    )
    if subject is None or subject.end > pos or gaz[subject.place].kind == "border":
        return None
    lead = _gap(sent, sent.start, subject.start)
    if not re.fullmatch(
        r"\s*(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:(?:town|city|village)\s+of\s+)?", lead, re.I
    ):
        return None
    rest = re.sub(_APPOSITIVE, ",", _gap(sent, subject.end, pos))
    verb = _LOCATION_VERB_RE.match(rest)
    if verb and not re.search(
        r"[;:()]|\b(?:and|but|which|who|where|while|said|says|after|before|when)\b|\d",
        rest[verb.end() :],
        re.I,
    ):
        return subject
    return None


_LOCATION_VERB_RE = re.compile(
    r"\s*,?\s*(?:(?:is|was|lies|lay|sits|sat|stands|stood|nestles|straddles|hugs|perches)\s+|"
    r"(?:is|was)\s+(?:located|situated|set|perched|nestled)\s+)",
    re.I,
)


def _context_place(sent, idx, sentences, pos, located, gaz=None) -> Mention | None:
    """The place a sentence (or the two before it) is about, other than the located one.

    In this sentence, the nearest place before the figure; else, of the places of the two
    sentences before, the one the article has named most so far (the nearest on a tie).
    """
    skip = located.place if located else None

    def fits(t: Mention) -> bool:
        return t.place != skip and (gaz is None or gaz[t.place].kind not in _NOT_REFERENCES)

    here = [t for t in sent.mentions if t.end <= pos and fits(t)]
    if here:
        return here[-1]
    recent = [
        t for back in (1, 2) if idx - back >= 0 for t in sentences[idx - back].mentions if fits(t)
    ]
    if not recent:
        # The place the article is about: the one it has named most so far.
        recent = [
            t for prev in sentences[max(0, idx - _LOOKBACK) : idx] for t in prev.mentions if fits(t)
        ]
    if not recent:
        return None
    counts: dict[str, int] = {}
    for prev in sentences[max(0, idx - _LOOKBACK) : idx]:
        for t in prev.mentions:
            counts[t.place] = counts.get(t.place, 0) + 1
    return max(reversed(recent), key=lambda t: counts.get(t.place, 0))


_NOT_REFERENCES = frozenset({"country", "water", "region", "province", "district"})
