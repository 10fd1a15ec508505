"""English coding rules, each on sentences the team wrote for it."""

from __future__ import annotations

from datetime import datetime

from realpolitik.actors import load_resolver
from realpolitik.events import code_document
from realpolitik.model import Document, Part
from realpolitik.text import split_sentences


def code(text: str, published: datetime | None = datetime(2025, 6, 1)):
    doc = Document(id="t", source="t.txt", text=text, language="en", published=published,
                   parts=(Part(kind="body", start=0, end=len(text)),))
    sentences = split_sentences(doc, "en")
    resolver = load_resolver(())
    mentions = [resolver.find_mentions(s, when=published.date() if published else None) for s in sentences]
    return [e for e in code_document(doc, sentences, mentions, "en") if e.confidence >= 0.5]


def triples(events):
    return {(e.source, e.target, e.type) for e in events}


def test_a_coordinated_verb_shares_the_whole_subject_list():
    events = code("Canada, Australia and New Zealand signed a fisheries accord on Tuesday, and jointly "
                  "condemned Iran's seizure of a tanker.")
    assert {("CAN", "IRN", "ACCUSE"), ("AUS", "IRN", "ACCUSE"), ("NZL", "IRN", "ACCUSE")} <= triples(events)
    accuse = [e for e in events if e.type == "ACCUSE"]
    assert {e.modality for e in accuse} == {"asserted"}  # "agreed"/"signed" before ", and" govern nothing


def test_summoning_an_envoy_to_protest_is_also_a_protest():
    events = code("Hanoi summoned China's ambassador on Tuesday to protest the arrest of its fishermen.")
    assert ("VNM", "CHN", "PROTEST") in triples(events)


def test_tear_gas_is_an_assault_by_the_police():
    events = code("Chilean riot police fired tear gas at students marching in Santiago on Thursday.")
    assert ("CHL", "CHL", "ASSAULT") in triples(events)
    assert not any(e.type == "PROTEST" and e.source_sector == "COP" for e in events)


def test_an_agentless_passive_names_no_attacker():
    events = code("A Greek cargo ship was hit near the coast of Yemen on Monday.")
    assert not any(e.type == "ASSAULT" for e in events)
    events = code("A Greek cargo ship was hit by Houthi missiles near the coast of Yemen on Monday.")
    assert ("HOUTHI", "GRC", "ASSAULT") in triples(events)


def test_ready_to_is_not_a_passive():
    events = code("Israel is opposed to French mediation in the dispute.")
    assert ("ISR", "FRA", "REJECT") in triples(events)


def test_warships_sent_somewhere_are_a_show_of_force():
    events = code("The United States sent two warships toward Iran on Friday.")
    assert ("USA", "IRN", "MOBILIZE") in triples(events)
    assert not any(e.type == "AID" for e in events)


def test_dropping_a_veto_is_a_concession():
    events = code("Austria dropped its veto against Romania's entry into the Schengen area.")
    assert ("AUT", "ROU", "CONCEDE") in triples(events)


def test_each_side_accused_the_other():
    events = code("Armenia and Azerbaijan traded fire on the border, and each side accused the other of "
                  "starting the clash.")
    assert {("ARM", "AZE", "ACCUSE"), ("AZE", "ARM", "ACCUSE")} <= triples(events)


def test_new_office_holders_resolve():
    events = code("Donald Tusk criticised Hungary on Monday.", published=datetime(2024, 5, 1))
    assert [(e.source, e.source_sector, e.target, e.type) for e in events] == [("POL", "GOV", "HUN", "ACCUSE")]


def test_a_subject_offering_talks_between_two_others_acts_towards_both():
    events = code("Qatar offered on Monday to host talks between Israel and Hamas.")
    assert {("QAT", "ISR", "AGREE"), ("QAT", "HAMAS", "AGREE")} <= triples(events)
    assert ("ISR", "HAMAS", "AGREE") not in triples(events)


def test_the_mention_right_before_a_verb_is_its_subject():
    events = code("Cuban forces were put on alert after the United States sent warships to the Caribbean.")
    assert ("USA", "CUB", "MOBILIZE") in triples(events)
    assert ("CUB", "USA", "MOBILIZE") not in triples(events)


def test_a_participle_clause_shares_the_speakers_subject():
    events = code("Hungary's foreign ministry said it had received the note, calling the accusations by "
                  "Romania baseless.")
    assert ("HUN", "ROU", "ACCUSE") in triples(events)


def test_a_clause_that_sums_up_the_act_targets_its_actor():
    events = code("Britain froze the assets of three Iranian banks, a move Tehran condemned as piracy.")
    assert ("IRN", "GBR", "ACCUSE") in triples(events)


def test_a_denied_charge_is_a_rejection():
    events = code("Colombia has accused Venezuela of sheltering rebels, a charge Caracas has denied.")
    assert ("VEN", "COL", "REJECT") in triples(events)


def test_one_state_sentences_keep_domestic_events_beside_sector_pairs():
    events = code("Peruvian police detained dozens of protesters in Lima, and the army launched air strikes "
                  "on rebel camps.")
    assert ("PER", "PER", "COERCE") in triples(events)
    assert ("PER", "PER", "ASSAULT") in triples(events)


def test_after_opens_a_phrase_of_its_own():
    events = code("Taiwan's forces were put on high alert after China sent warships toward the island.")
    assert ("CHN", "TWN", "MOBILIZE") in triples(events)


def test_a_passive_relative_clause_acts_on_its_antecedent():
    events = code("Canada demanded the release of a Canadian engineer who was detained by Iranian police in Tabriz.")
    assert ("IRN", "CAN", "COERCE") in triples(events)


def test_with_a_mention_before_an_ing_verb_makes_it_the_subject():
    events = code("Poland expelled two Belarusian diplomats, with Foreign Minister Radoslaw Sikorski "
                  "accusing Russian intelligence of running them.")
    assert ("POL", "RUS", "ACCUSE") in triples(events)


def test_entering_territory_is_an_incursion():
    events = code("Turkey's army said it had entered Syrian territory near the border town.")
    assert ("TUR", "SYR", "ASSAULT") in triples(events)


def test_a_meeting_an_actor_will_not_hold_is_a_rejection_but_unsent_arms_are_not():
    events = code("Caracas will not hold talks with Washington while sanctions remain.")
    assert ("VEN", "USA", "REJECT") in triples(events)
    events = code("Austria will not send weapons to Ukraine, the chancellor said.")
    assert not any(e.type == "REJECT" for e in events)


def test_a_verb_lemma_after_an_adjective_mention_is_a_noun():
    events = code("Markets watched the outlook for Chinese demand after data from the United States.")
    assert not any(e.type == "REQUEST" for e in events)
    events = code("Palestinian riots against Israeli checkpoints continued on Friday.")
    assert ("PSE", "ISR", "PROTEST") in triples(events)


def test_a_resignation_is_not_a_domestic_event():
    events = code("Peruvian police arrested dozens of protesters, hours before the prime minister resigned.")
    assert not any(e.type == "RETREAT" for e in events)


def test_quantity_words_do_not_hide_the_agent():
    events = code("Romanian airspace was violated by as many as 12 Russian drones on Sunday.")
    assert ("RUS", "ROU", "ASSAULT") in triples(events)


def test_a_joint_noun_takes_the_nearest_subject_group():
    events = code("Finland raised its alert level as Russia and Belarus began joint naval exercises.")
    assert ("RUS", "BLR", "COOPERATE") in triples(events) or ("BLR", "RUS", "COOPERATE") in triples(events)
    assert not any(e.type == "COOPERATE" and "FIN" in (e.source, e.target) for e in events)


def test_a_descriptive_phrase_after_the_subject_is_no_clause():
    events = code("Kim Yo Jong, the influential sister of North Korea's leader, warned Tokyo on Sunday.")
    assert ("PRK", "JPN", "THREATEN") in triples(events)
    events = code("Pakistan, a close U.S. partner in the region, refused to send troops to Yemen.")
    assert not any("USA" in (e.source, e.target) for e in events)


def test_a_verb_with_an_object_owner_before_between_targets_the_owner():
    events = code("Iraq rejected an Iranian offer to host a summit between Syria and Turkey.")
    assert ("IRQ", "IRN", "REJECT") in triples(events)
    assert not any(e.type == "REJECT" and e.target in ("SYR", "TUR") for e in events)


def test_complaining_to_an_addressee_about_a_third_party():
    events = code("Ghana complained to the United Nations on Monday over two Togolese border raids.")
    assert ("GHA", "TGO", "ACCUSE") in triples(events)
    assert ("GHA", "UN", "ACCUSE") not in triples(events)


def test_up_to_is_a_quantity_not_a_target():
    events = code("Up to 200 Kenyan students demonstrated outside parliament in Nairobi on Monday.")
    assert ("KEN", "KEN", "PROTEST") in triples(events)


def test_an_obligation_after_said_without_that_goes_to_every_bound_party():
    events = code("The Red Cross said French and Belgian troops must protect the convoys.")
    assert {("IRC", "FRA", "REQUEST"), ("IRC", "BEL", "REQUEST")} <= triples(events)


def test_people_who_were_killed_are_not_the_attackers():
    events = code("Chadian students demonstrated in Ndjamena, where five people were killed last year.")
    assert not any(e.type == "ASSAULT" for e in events)


def test_a_planned_visit_is_a_noun_and_its_cancellation_asserted():
    events = code("A Spanish minister has cancelled a planned visit to Morocco.")
    assert [(e.source, e.target, e.type, e.modality) for e in events] == [("ESP", "MAR", "SANCTION", "asserted")]


def test_a_possessive_and_an_adjective_make_a_noun():
    events = code("Japan rejected China's repeated demand to halt the patrols.")
    assert not any(e.type == "REQUEST" and e.source == "JPN" for e in events)
    assert ("JPN", "CHN", "REJECT") in triples(events)


def test_a_that_clause_after_a_speech_act_is_its_content():
    events = code("Greece demanded that Turkey withdraw its ships from the disputed waters.")
    assert triples(events) == {("GRC", "TUR", "REQUEST")}
    events = code("The ILO repeated its demand today that Israel ease restrictions on Palestinian workers.")
    assert not any(e.type == "CONCEDE" for e in events)


def test_a_withdrawal_from_a_place_targets_that_place():
    events = code("Russia sped up the withdrawal of its troops from Armenia on Tuesday.")
    assert ("RUS", "ARM", "RETREAT") in triples(events)
    assert ("ARM", "RUS", "RETREAT") not in triples(events)


def test_an_ethnic_group_belongs_to_the_state_it_is_placed_in():
    events = code("Ethnic Hungarians in western Romania demanded autonomy from Bucharest, citing the "
                  "example of Serbia.")
    assert not any(e.source == "HUN" for e in events)


def test_handing_over_supplies_is_aid_and_a_suspension_of_links_a_sanction():
    events = code("Norwegian doctors handed over two tonnes of medicine to the Red Cross in Sudan.")
    assert ("NOR", "IRC", "AID") in triples(events)
    assert not any(e.type == "RETREAT" for e in events)
    events = code("Spain announced a suspension of air links with Venezuela on Monday.")
    assert ("ESP", "VEN", "SANCTION") in triples(events)


def test_new_reported_speech_ends_a_speech_acts_reach():
    events = code("Japan summoned the Chinese ambassador and demanded an apology, although officials said "
                  "Tokyo had no plans to cut ties with Beijing.")
    assert ("JPN", "CHN", "SANCTION", "negated") in {(e.source, e.target, e.type, e.modality) for e in events}


def test_cooperation_with_a_partner_about_a_third_party():
    events = code("Polish military intelligence shared data on Russian troop movements with Lithuania's "
                  "intelligence service.")
    assert ("POL", "LTU", "COOPERATE") in triples(events)
    assert not any(e.type == "COOPERATE" and "RUS" in (e.source, e.target) for e in events)


def test_every_from_after_drew_condemnation_is_a_critic():
    events = code("Iran's seizure of the tanker drew condemnation from France and from the United Nations.")
    assert {("FRA", "IRN", "ACCUSE"), ("UN", "IRN", "ACCUSE")} <= triples(events)


def test_no_meeting_is_not_a_refusal():
    events = code("Peskov said there would be no meeting between Vladimir Putin and Volodymyr Zelensky soon.",
                  published=datetime(2024, 6, 1))
    assert not any(e.type == "REJECT" for e in events)


def test_scores_of_people_are_the_people_themselves():
    events = code("Security forces in Guinea have beaten scores of Malian and Senegalese traders.")
    assert {("GIN", "MLI", "ASSAULT"), ("GIN", "SEN", "ASSAULT")} <= triples(events)


def test_aid_groups_are_no_aid_and_their_origin_is_the_subject():
    events = code("Volunteers from two Swedish aid groups delivered medicine to Gaza on Monday.")
    assert ("SWE", "PSE", "AID") in triples(events)
    events = code("Sudan's army repelled an attack, while aid groups said civilians had fled to Chad.")
    assert not any(e.type == "AID" for e in events)
