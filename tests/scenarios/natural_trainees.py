"""Hand-written trainees in natural language, played through SessionService and the real scorer.

The skilled trainee writes the way a good negotiator types in a chat: varied, sometimes
lowercase, reflecting what *this* party said rather than a template, reacting when the party
opens up (a revealed interest gets a reflection of its own), and proposing a small, checked,
time-bound step only once the party can close. It reads nothing but the party's replies and
the state a front end shows; it never sees the meters.

The mediocre trainee listens a little, proposes too early, several times, and blames once.
"""

# ruff: noqa: E501  (what the trainees say reads best unwrapped)
from __future__ import annotations

import re
from dataclasses import dataclass, field

from dialogues.engine import Engine
from dialogues.service import SessionService, TurnResult


@dataclass(frozen=True)
class Script:
    """What one skilled trainee would say in one scenario, by phase of the talk."""

    early: tuple[str, ...]  # while the party is hostile or guarded: listen, acknowledge
    middle: tuple[str, ...]  # once it talks about its needs: reflect, ask, be open
    proposals: tuple[str, ...]  # once it can close: small, checked, time-bound steps
    # (pattern in the party's line, what a good negotiator answers when they hear it)
    reactions: tuple[tuple[str, str], ...] = ()


def phases(engine: Engine) -> tuple[set[str], set[str]]:
    """(closing states, the states just before them): where to propose, where to go deeper."""
    transitions = engine.scenario.transitions
    closing = {src for t in transitions if t.dest == "agreement" for src in t.source}
    middle = {
        src
        for t in transitions
        if t.dest in closing and t.when.trust_min is not None
        for src in t.source
        if src not in closing
    }
    return closing, middle


@dataclass
class NaturalTrainee:
    """Adaptive: answers what the party just revealed, goes deeper as the party opens up."""

    script: Script
    closing: set[str]
    middle: set[str]
    used: set[str] = field(default_factory=set)
    proposals_made: int = 0
    closing_turns: int = 0

    def say(self, party_line: str, state: str) -> str:
        for pattern, answer in self.script.reactions:
            if answer not in self.used and re.search(pattern, party_line, re.IGNORECASE):
                return self._use(answer)
        if state in self.closing:
            self.closing_turns += 1
            # Propose, then keep listening between proposals: one offer is not a conversation.
            if self.closing_turns % 2 == 1 and self.proposals_made < len(self.script.proposals):
                self.proposals_made += 1
                return self._use(self.script.proposals[self.proposals_made - 1])
            return self._next(self.script.middle, self.script.early)
        if state in self.middle:
            return self._next(self.script.middle, self.script.early)
        return self._next(self.script.early, self.script.middle)

    def _next(self, *pools: tuple[str, ...]) -> str:
        for pool in pools:
            for line in pool:
                if line not in self.used:
                    return self._use(line)
        raise AssertionError("the script ran out of things to say")

    def _use(self, line: str) -> str:
        self.used.add(line)
        return line


def play_natural(
    service: SessionService,
    scenario_id: str,
    trainee,
    level: str = "normal",
    limit: int = 30,
    seed: int = 7,
) -> tuple[str, list[TurnResult], list[str]]:
    """Play until the session ends or `limit` turns: (outcome, turns, what the trainee said)."""
    start = service.start(scenario_id, trainee="natural", level=level, seed=seed)
    party_line, state = start.opening, start.scenario.initial
    turns: list[TurnResult] = []
    said: list[str] = []
    for _ in range(limit):
        text = trainee.say(party_line, state)
        said.append(text)
        result = service.handle_turn(start.session.id, text)
        turns.append(result)
        party_line, state = result.reply, result.state
        if result.outcome != "ongoing":
            return result.outcome, turns, said
    return "ongoing", turns, said


@dataclass
class MediocreTrainee:
    """Some listening, proposals before the party feels heard, one blame; then more of the same."""

    lines: tuple[str, ...]
    turn: int = 0

    def say(self, party_line: str, state: str) -> str:
        line = self.lines[self.turn % len(self.lines)]
        self.turn += 1
        return line


SCRIPTS: dict[str, Script] = {
    "checkpoint-convoy": Script(
        early=(
            "I'm not going to pretend I know what last night was like. I'm sorry about your men.",
            "That must have been a terrible night for your brigade.",
            "You have every reason to be wary of convoys, given what you've been through.",
            "what happened out here last night?",
            "To be honest with you, I wasn't told much about this checkpoint before we set off.",
            "It sounds like you're the one who has to answer for anything that crosses.",
            "Tell me what your men are most worried about with these trucks.",
            "I imagine you haven't slept, and now there's a column of strangers at your gate.",
            "You sound exhausted by people promising things and disappearing.",
            "Thank you for talking to me at all. I know you didn't have to.",
        ),
        middle=(
            "So the real worry is what your men will think if the gate opens.",
            "What would your men need to see so that letting us through doesn't look like giving in?",
            "I'll get the full cargo list and the drivers' names printed for you before we talk terms.",
            "Here's the cargo list and the drivers' names, like I said. Every truck, every crate.",
            "It seems like nobody ever came back to you about that convoy. that must still sting.",
            "Let me summarise: you need certainty about the cargo, respect in front of your men, "
            "and no blame for your brigade.",
            "How would an inspection have to look for your men to trust it?",
            "I can't undo what happened last spring, and I won't pretend the agencies got it right.",
            "If I were in your place I'd want to check every truck too.",
            "What else is on your mind that we haven't talked about yet?",
            "Sounds like you've had to hold your men back more than once today.",
            "What would you want your men to say about today, a week from now?",
            "I'm sorry nobody from the agencies ever sat down with you about last spring.",
            "It must be lonely, being the one everyone at this gate is looking at.",
            "Who else would need to agree before anything moves?",
            "I'll stay here at the gate with you until this is settled, whatever time that is.",
        ),
        proposals=(
            "Suppose your men check the first four trucks by noon, the observers sign the "
            "inspection record, and we bring the insulin for Darev on the same run. Would that work?",
            "My suggestion is a partial arrangement: your men pick any three trucks to open, the "
            "monitors watch, and in return the medical truck unloads at your sister's clinic "
            "before dusk.",
            "One idea is an interim deal for today only: four trucks cross after your inspection, "
            "the observers film it, and we drop the antibiotics at Darev first.",
            "How about this: your men and the observers count every crate on the first three trucks before dusk, and if one rifle turns up, the rest go back and you keep the medicine.",
            "What if one of your officers rides with the convoy to Ostrel today, signs the cargo list at both ends, and we unload the insulin for Darev on the way?",
        ),
        reactions=(
            (
                r"forty men are watching",
                "Forty men, all watching what you do. That's a lot of pressure on one person.",
            ),
            (
                r"nobody ever explained",
                "So after that convoy your positions were shelled and nobody ever came back to "
                "explain. No wonder you don't trust us.",
            ),
            (
                r"no insulin",
                "Three weeks without insulin at your sister's clinic. She must be worried sick, "
                "and so must you.",
            ),
        ),
    ),
    "ceasefire-walkout": Script(
        early=(
            "Eleven people, buying bread. I'm so sorry for those families.",
            "I'm not going to ask you to sit down. I'm just asking you to tell me what happened.",
            "You must be furious, and exhausted on top of it.",
            "i won't waste the five minutes. What would you need from this room today?",
            "You have every right to be angry with everyone in here, me included.",
            "To be honest, I don't know yet who fired on the market. I won't pretend I do.",
            "It sounds like you came here expecting another round of empty words.",
            "What are people back home saying about the talks?",
            "That's a terrible thing to carry into a negotiation.",
            "Thank you for staying, even for a few minutes.",
        ),
        middle=(
            "So going home with nothing would cost you everything with your own people.",
            "What would count as something real for them?",
            "I get the sense you're more worried about the families than about the politics.",
            "I'll raise the market with the mission chief tonight and tell you what he says.",
            "I spoke to the mission chief about the market like I said I would. He wants your "
            "account of it in writing.",
            "Let me make sure I have it. Eleven people died at the market, you can't go home "
            "empty-handed, and you don't trust the other side's account of who fired.",
            "What would make the next few days safer for the people in the north?",
            "I can't promise a full ceasefire this week; I don't have that mandate.",
            "Help me understand what your delegation can accept without losing face at home.",
            "It sounds like you need something you can show the families in the north.",
            "What happens at home if you walk out today?",
            "I'm sorry the mediators called it an incident. That was the wrong word.",
            "You must be worn down by two years of meetings that changed nothing.",
            "Which part of this would be hardest to defend back home?",
            "I'll make sure the monitors' report reaches your delegation the same hour it reaches theirs.",
        ),
        proposals=(
            "What if the observers visit the quarry road tomorrow morning, and both delegations "
            "get their report at the same time?",
            "How about a 48-hour pause on the northern line, checked by the monitors, while both "
            "sides hand the mission their own account of the market?",
            "My suggestion: a humanitarian pause until Sunday, monitored by the mission, and in "
            "exchange the other side opens the bread route in writing.",
            "What if both delegations announce the pause at the same hour tomorrow, and the monitors publish their report on the market by Friday?",
            "Here's what I can put on the table: the investigation starts with the quarry road within 72 hours, and your delegation names one of the investigators.",
        ),
        reactions=(
            (
                r"tourist who went to a conference",
                "I imagine it's humiliating to be called a tourist after a morning like this.",
            ),
            (
                r"quarry road",
                "So you think the rounds came from someone other than their regular army. Thank "
                "you for trusting me with that.",
            ),
            (
                r"through a winter",
                "So you need this ceasefire to get through the winter, more than you can say in "
                "public. I won't repeat that.",
            ),
        ),
    ),
    "prisoner-exchange": Script(
        early=(
            "Six names missing. That's six families waiting for nothing.",
            "You must feel like you're being played again.",
            "Which six names? Tell me about them.",
            "I'm sorry about last year. I know that was our side's list.",
            "It sounds like you've been let down before, and you're not going to let it happen twice.",
            "to be honest I only got the list this morning and I don't know why they're missing",
            "What would you need to keep the exchange on the calendar?",
            "You have every right to ask for answers before anything happens.",
            "I imagine the families are calling you every hour.",
            "Thank you for not cancelling yet.",
        ),
        middle=(
            "So what the families need is proof, not promises.",
            "What kind of proof would the families accept?",
            "I'll ask the ICRC today whether they can arrange a phone call for each family.",
            "As promised, I asked the ICRC: they can set up calls for the families this week.",
            "It seems like the worst outcome for you is another day like last year at the bridge.",
            "Let me put this together: six names are missing, the families want proof not "
            "speeches, and you won't stand next to mothers waiting for the wrong men again.",
            "I can't get six photographs by tonight, and I'm not going to pretend I can.",
            "What else would have to be different this time?",
            "If I were in your place I'd want every face checked too.",
            "It sounds like you're the one the families look at when anything goes wrong.",
            "What would you tell the families tonight if we found a way?",
            "I'm sorry it took us this long to even look at the six names.",
            "You must be exhausted, carrying this for a whole year.",
            "Who on your side needs to sign off before the exchange goes ahead?",
            "I'll come back to you by this evening with whatever the ICRC tells me.",
        ),
        proposals=(
            "What if the ICRC confirms each man's identity on both sides before anyone crosses, "
            "and every family gets a phone call within 24 hours?",
            "One option: we exchange the names we're sure of this week, and the six wait until the "
            "ICRC has seen them in person, with photographs for you by Friday.",
            "My proposal is simple: photographs with today's newspaper for all six by Friday, "
            "checked by the ICRC, and you keep the exchange on the calendar in return.",
            "Suppose both sides hand the ICRC their full lists by Thursday, and each man is identified by his own family over the phone before he crosses?",
            "How about this: the exchange goes ahead next week, the ICRC checks every face at the bridge, and if one man is wrong, the whole exchange pauses.",
        ),
        reactions=(
            (
                r"voice on a phone",
                "A voice on a phone. So the families want something they can hold, not words.",
            ),
            (
                r"not the men on the list",
                "You stood next to those mothers when the wrong men walked across. That must "
                "have been devastating.",
            ),
            (
                r"my brother",
                "Your brother is one of the six. I'm so sorry. Nobody will hear his name from me.",
            ),
        ),
    ),
    "observer-access": Script(
        early=(
            "Sounds like you're tired of monitors turning up at your gate.",
            "I get that you don't make this call on your own.",
            "What would it take to get orders?",
            "You have every reason to be careful with us.",
            "To be honest, I don't know the road, and I'm not going to pretend the mines aren't real.",
            "i'm not here to catch you out. I'd just like to understand where you stand.",
            "It must be frustrating to be asked the same thing twice in one week.",
            "Who would you need to hear from before you could say yes?",
            "Thank you for meeting us again.",
            "I imagine this puts you in a difficult spot with your own command.",
        ),
        middle=(
            "So you're left holding a decision that belongs to people above you.",
            "It seems like you're carrying this on your own.",
            "I'll show you every page of our report before it is sent.",
            "here's the draft of our last report, as promised. every page, before it goes anywhere.",
            "What would our report have to leave out for you to feel safe with it?",
            "Let me summarise what I'm hearing: no orders from brigade, a report last spring that "
            "got your positions shelled, and now another team at your gate.",
            "I can't promise what brigade will say, but I can promise what we write.",
            "How would you want us to handle anything we find that isn't yours?",
            "I don't blame you for being cautious. I'd be the same.",
            "It sounds like you're being asked to take a risk nobody above you will share.",
            "What would make it easier to explain to brigade afterwards?",
            "I'm sorry our report was used that way. That should never have happened.",
            "You must be tired of carrying decisions that aren't yours.",
            "Which part of the road worries you most?",
            "I'll bring our team leader to meet you tomorrow so you can ask her anything.",
        ),
        proposals=(
            "What if our report leaves out all grid references, and you read the draft within "
            "24 hours before it goes anywhere?",
            "How about this: two monitors, one road, for four hours tomorrow, with your officer "
            "in the car the whole time.",
            "I'd like to propose that your own officer escorts us and signs off on the route, and "
            "in return we share our notes with you the same evening.",
            "Suppose we stay off the Harrow farm track entirely for a week, and you let two monitors drive the east road with your officer tomorrow morning?",
            "My suggestion: a four-hour visit by Thursday, no cameras, your officer signs off on every stop, and you get a copy of our notes the same day.",
        ),
        reactions=(
            (
                r"await instructions",
                "You've asked three times and got nothing back. That sounds incredibly frustrating.",
            ),
            (
                r"mortar pits",
                "So our last report put your men in danger. I see why you're careful, and I'm "
                "sorry that happened.",
            ),
            (
                r"harrow farm",
                "So there's a unit out there that isn't yours, and you're worried it'll be pinned "
                "on you.",
            ),
        ),
    ),
    "buffer-zone": Script(
        early=(
            "Thanks for seeing me, colonel. I'm sitting, and I'm listening.",
            "It sounds like you feel the mission hasn't been fair to your side.",
            "Your map is wrong - where, exactly? Show me.",
            "One-sided patrols... tell me what your men have seen.",
            "To be honest, I didn't draw that map and I don't know who checked it.",
            "You have every right to be angry if the line is in the wrong place.",
            "I imagine it's infuriating to be told where your own border is by outsiders.",
            "What would you need to see from the mission before you'd trust a new map?",
            "That must be frustrating for your officers too.",
            "Thank you for being straight with me about the hill.",
        ),
        middle=(
            "So the hill is really about who controls the water.",
            "What happens to Brenn if nothing changes this month?",
            "I'll ask the mission's cartographers for the survey they used and bring you a copy.",
            "Here's the survey the map was drawn from, as promised. It's dated before the floods.",
            "Let me recap: the line follows an old river, the spring on 312 feeds Brenn, and our patrols land mostly on your side.",
            "I can't change the map myself, and I won't pretend I can.",
            "How would you want a fair patrol schedule to look?",
            "If I were in your place I'd want the line checked on the ground too.",
            "It seems like your soldiers are tired of being treated as the problem.",
            "Who on the other side would you be willing to walk the line with?",
            "I'm sorry our patrols made your men feel watched in their own country.",
            "What else should I know before I go back to the mission?",
            "I'll put your objection to the map in writing to the mission chief today.",
            "You must be worn out by six years of being told to wait.",
        ),
        proposals=(
            "Suppose a joint team walks the river line with officers from both sides by Thursday, and the mission redraws the map from what they find?",
            "What if we patrol both sides equally for the next two weeks, with the schedule published daily so your liaison can check it?",
            "My suggestion: the spring stays open to Brenn under monitor supervision for a month, and in return your troops hold 200 metres back from the old line.",
            "How about this for the other bank: they pull their patrols back from the ford at the same hour you do, the monitors log both, and we review it together in two weeks.",
            "One idea is a joint post on the crest for thirty days, your liaison and theirs side by side, with the monitors' daily report going to both of you in writing.",
        ),
        reactions=(
            (
                r"blue mark",
                "So hill 312 isn't about the hill, it's about the water for Brenn. Two thousand people on one spring.",
            ),
            (
                r"river moved",
                "So the map was drawn from an old survey, from before the floods. That would explain a lot.",
            ),
            (
                r"suspects in their own country",
                "So your soldiers feel watched like suspects while the other side hardly sees a patrol.",
            ),
        ),
    ),
    "misinformation-flare": Script(
        early=(
            "I'm here to listen first. Every one of these people is worried about someone.",
            "It sounds like the whole crowd is afraid for their men.",
            "What are people saying about the lists?",
            "You have every right to want answers.",
            "To be honest, I don't know yet where every name on that list is.",
            "I imagine nobody has slept much this week.",
            "Tell me what you've heard, from the beginning.",
            "That must be terrifying, not knowing where your family is.",
            "Thank you for letting me speak to you first.",
            "Who told you the lists were going to the other side?",
        ),
        middle=(
            "So the silence is what's making everything worse.",
            "What would people here need to hear from me today?",
            "I'll ask the detention office about Ilan by name today and tell you what they say.",
            "I spoke to the detention office about Ilan, like I said I would. He's on their register.",
            "Let me make sure I have it: Ilan was taken on Thursday, nobody has told you anything, and if the food stops the families go hungry.",
            "I can't promise you the rumour is false until I've seen the registers myself.",
            "How do you want the families to hear the truth, whatever it is?",
            "If I were in your place I'd be shouting too.",
            "It seems like you're carrying the whole district on your back.",
            "What would make it safe for the families to keep coming for food?",
            "I'm sorry nobody came to explain the lists before it got this far.",
            "You must be exhausted, holding all these families together.",
            "What else are people afraid of?",
            "I'll stay here until the families have an answer, however long that takes.",
        ),
        proposals=(
            "What if the ICRC reads out which names are on the register, here, tomorrow at ten, and the food distribution carries on in the meantime?",
            "How about a one-week arrangement: the distribution continues, and every Monday the families get the detention list in writing from the ICRC.",
            "I suggest you and two family members come with me to the office this afternoon and check the list yourselves, and in return you tell the crowd what you saw.",
            "Suppose the ICRC sets up a desk here for the next three days, families check names in person, and you ask the crowd to let the food trucks in while it runs?",
            "Here's what I can offer: a phone call from Ilan within 48 hours, witnessed by the ICRC, if you help us keep the distribution going this week.",
        ),
        reactions=(
            (
                r"taken at the bus station",
                "nineteen, and taken at a bus station. you must be terrified for him, and nobody has told you a thing.",
            ),
            (
                r"if the food stops",
                "So you're stuck between wanting the truth and not wanting the families to go hungry.",
            ),
            (
                r"shouted loudest",
                "You shouted because you were afraid for Ilan. Nobody here would hold that against you.",
            ),
        ),
    ),
    "backchannel-contact": Script(
        early=(
            "Nobody followed me. I came alone, and I'll leave the same way.",
            "Thank you for agreeing to one cup of tea. I know what it costs you to be here.",
            "It sounds like you're taking a real risk just sitting in this room.",
            "What made you agree to meet at all?",
            "To be honest, I can't promise you that nobody will ever find out. I can promise what I will and won't do.",
            "You have every reason to be careful with people like me after last year.",
            "I imagine you've been asking yourself all week whether this was a mistake.",
            "What would you need from me before you'd agree to a second meeting?",
            "That must have been frightening, watching the last channel fall apart in the press.",
            "I won't write your name down anywhere, today or later.",
        ),
        middle=(
            "So the people behind you need to know this is talking, not spying.",
            "How do they usually decide whether someone is serious?",
            "I'll carry one question from your side to mine and bring back an answer by Friday.",
            "As I promised, I carried your question back. The answer is yes, in writing, unsigned.",
            "Let me put it together: your name must stay out of the papers, your grandchildren must be safe, and your side needs proof this isn't spying.",
            "I can't speak for the whole ministry, and I'm not going to pretend I can.",
            "What would a first small gesture from our side look like to them?",
            "If I were in your place I'd want to test me with something small first.",
            "It seems like you're carrying messages for people who don't fully trust you either.",
            "Who on your side would need to see it before they believe it?",
            "I'm sorry we let last year's channel get exposed. That was our failure.",
            "You must be exhausted, living between two sides like this.",
            "What else should I know before I go back?",
            "I'll come back on the day you choose, to the place you choose, and nowhere else.",
        ),
        proposals=(
            "What if we meet only through the church office, with no notes, and we each bring one written question to the next meeting in a week?",
            "Would your side accept a letter from our minister, unsigned but in his hand, confirming the channel before our next meeting on Friday?",
            "Here's what I can put on the table: we say Davo's name to the prison authorities this week and ask for a family visit, and your side sends one message through you in return.",
            "Suppose both sides make one small gesture within ten days, you choose ours and we choose yours, and you and I check them at our next tea?",
            "One idea: a second meeting in a fortnight, same room, and before it our side confirms in writing that nothing from today is on any file.",
        ),
        reactions=(
            (
                r"grandchildren",
                "So your grandchildren would pay the price if your name came out. Your name will not be written down anywhere, you have my word.",
            ),
            (
                r"talk, or is this spying",
                "So the people behind you need to know this is talking, not spying, and you need an answer you can believe.",
            ),
            (
                r"Davo",
                "So Davo took the same risk you're taking now, and he's still in Varsk. I'm sorry nobody on our side has said his name.",
            ),
        ),
    ),
    "language-barrier": Script(
        early=(
            "Hello. I am Anna. I speak slowly. I am listening.",
            "Nine days without water. That is very long. You are angry.",
            "What happened to the water?",
            "You are right to be angry.",
            "I am sorry we are late.",
            "I do not know everything yet. I will tell you what I know.",
            "Your people are thirsty. That is terrible.",
            "What do you need most?",
            "Thank you for talking with me.",
            "It must be very hard for the families.",
        ),
        middle=(
            "So you want water more than anyone.",
            "Who goes to the river for water?",
            "I will bring the engineer's list of names tomorrow.",
            "Here is the list of names, as I promised. Every person in the crew.",
            "Let me check I have it: nine days without water, your mother walks four kilometres every day, and the last crew had a spy.",
            "I cannot promise the station works in one day. I do not want to lie to you.",
            "What would make the crew safe for you?",
            "If I were you, I would also ask who comes.",
            "It seems you carry this alone.",
            "How many people live on the hill?",
            "I am sorry about the last crew. That was very wrong.",
            "You must be very tired.",
            "What else worries you?",
            "I will stay here until the crew comes.",
        ),
        proposals=(
            "What if you choose the crew? Your men can check every bag before they start, tomorrow morning.",
            "Suppose two of your men go with the crew all day, and see all the work, for three days?",
            "My suggestion: we bring fuel for seven days with the engineers, your men check the cans, and after seven days we talk again.",
            "How about this: the crew comes with no cameras, your men search them every morning for one week, and we bring fuel for the generator in return.",
            "What if the water comes up the hill first, for three days, and then your men let the crew go to the station? The monitors watch.",
        ),
        reactions=(
            (
                r"carries buckets",
                "Your mother walks four kilometres every day for water. That is very hard.",
            ),
            (
                r"camera in his jacket",
                "So last time a crew came, one man was a spy, and after that the shelling came. You ask who because of that.",
            ),
            (
                r"generator has no fuel",
                "So fixing the station is not enough. Without fuel, no water for your district.",
            ),
        ),
    ),
}

MEDIOCRE: dict[str, tuple[str, ...]] = {
    "checkpoint-convoy": (
        "I hear you. We just need the convoy across today.",
        "What if we let your men look in two trucks and the rest go through now?",
        "It sounds like you're angry.",
        "How about the medical trucks go first and you check them later?",
        "What do you want from us?",
        "Your men stopped a humanitarian convoy, that's why we're stuck here.",
        "Would you let the food trucks through if we send the lists tonight?",
        "ok. I get that it's been a hard night.",
        "Let's say three trucks cross and the rest wait until tomorrow.",
        "Why does the inspection matter so much?",
        "You must be tired.",
        "I see.",
        "What if the observers check everything when they arrive?",
        "Right, so the rifles are the issue.",
        "So you don't trust the agencies.",
        "What else do you need?",
        "Sorry about your men.",
        "Understood.",
        "Would you accept half the convoy today and half tomorrow?",
        "What would your men say?",
    ),
    "ceasefire-walkout": (
        "I understand. Please stay, we need this ceasefire.",
        "What if both sides just stop firing for 24 hours?",
        "That must be hard.",
        "How about a pause on the northern line starting tonight?",
        "What do you need?",
        "Your side shelled the market road last month, so let's not pretend.",
        "Would you sign a 48-hour truce if the monitors check it?",
        "ok, I hear you.",
        "Let's agree a pause until Friday and talk again then.",
        "Why are you leaving?",
        "You must be exhausted.",
        "I see.",
        "What if the mission investigates and we pause in the meantime?",
        "So the market is the issue.",
        "So nobody believes the other side.",
        "What happens next for you?",
        "I'm sorry about the market.",
        "Understood.",
        "Would you accept a pause on just the northern front?",
        "What would your government say?",
    ),
    "prisoner-exchange": (
        "OK. The exchange has to go ahead though.",
        "What if we swap the names we agree on today and sort the six later?",
        "You sound upset.",
        "How about the ICRC checks the list and we go ahead tomorrow?",
        "Why is that?",
        "Your side substituted men last year, not ours.",
        "Would you accept ten names now and six next week?",
        "I hear you, it's a lot.",
        "Let's exchange the first group tonight.",
        "What do the families want?",
        "You must be worried about them.",
        "I see.",
        "What if the ICRC visits the six before the exchange?",
        "So the six are the problem.",
        "So you don't trust their list.",
        "What else?",
        "I'm sorry about last year.",
        "Understood.",
        "Would the families accept a phone call instead?",
        "What would you need to say yes?",
    ),
    "observer-access": (
        "Right. We still need to get down that road.",
        "What if two monitors go down the road this afternoon with your escort?",
        "That sounds difficult.",
        "How about we check just the first kilometre today?",
        "What do you need from us?",
        "Your people are hiding something, that's why there are no orders.",
        "Would you let us in tomorrow if we bring a mine team?",
        "ok, I get it.",
        "Let's do one visit by noon and talk after.",
        "Why won't brigade answer?",
        "You must be tired of us.",
        "I see.",
        "What if your officer drives and we just watch?",
        "So the report is the problem.",
        "So brigade won't decide.",
        "What else worries you?",
        "Sorry about the report.",
        "Understood.",
        "Would you accept a visit with brigade's liaison present?",
        "What would brigade want?",
    ),
    "buffer-zone": (
        "Right. We need an answer on the hill today.",
        "What if both sides pull back 500 metres from 312 tonight?",
        "You sound annoyed.",
        "How about the monitors take the hill for a week?",
        "What do you want?",
        "Your army moved first on 312, so don't lecture me about the map.",
        "Would you accept the current line for a month if we review it later?",
        "ok, I hear you.",
        "Let's freeze all patrols until Friday.",
        "Why does the hill matter so much?",
        "You must be tired of this.",
        "I see.",
        "What if we just split the hill down the middle?",
        "So the map is the problem.",
        "Sorry about the patrols.",
        "What else?",
        "You must be frustrated.",
        "Understood.",
        "Would you let the monitors up the hill tomorrow?",
        "What would your superiors say?",
    ),
    "misinformation-flare": (
        "OK everyone, the lists are not going anywhere.",
        "What if we just keep the food coming and talk later?",
        "That sounds hard.",
        "How about you send the crowd home and we meet tomorrow?",
        "What do you want from me?",
        "You people started this rumour, and now look at the mess.",
        "Would you calm the crowd if we post the list tonight?",
        "ok, I hear you.",
        "Let's close the distribution for today and reopen tomorrow.",
        "Why do you believe the rumour?",
        "You must be worried.",
        "I see.",
        "What if the families write their names down and we check later?",
        "So the lists are the problem.",
        "I'm sorry about Ilan.",
        "What else?",
        "You must be tired.",
        "Understood.",
        "Would you accept a statement from the office instead?",
        "What would the families need?",
    ),
}
