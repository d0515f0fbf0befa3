import sys, os
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import parse_block, write_set

DATA = r"""
# key|team|title|description|tags|target_group|start|end|stage
p01|labour-exp|car wash visits bristol|||car wash workers|2025-06-01|2025-08-31|action
p01|police-ops|Hand car wash ops - Bristol|joint w/ GLAA + HMRC, Fishponds & Bedminster sites|||2025-07-01||action
-|labour-exp|car wash visits Swindon|||car wash workers|2025-09-01|2025-11-30|action
-|police-ops|Op Aidant week||||||action
p02|training|NRM first responder trng - LA staff|||LA staff|2025-09-01|2025-12-31|action
p02|housing|get housing officers NRM trained|housing options team dont know how to refer|NRM||||action
-|training|NRM trng for NHS staff|||nhs|2026-01-01|2026-03-31|action
p03|health|A&E posters|MS helpline posters in ED waiting areas BRI + Southmead|||2025-06-01|2025-06-30|dissemination
p03|comms|Posters - A&E depts|||public|||dissemination
-|health|A&E staff briefing|5 min at handover||ED staff|||action
p04|cce-cl|CCE sessions yr 9 Plymouth schools||CCE|pupils|2025-09-01|2026-02-28|action
p04|training|county lines talks in Plymouth secondaries|with Barnardo's|||2025-10-01||action
-|cce-cl|CSE sessions yr 6 Plymouth||CSE|pupils|2026-04-01|2026-07-15|action
p05|vic-support|survivor GP registration|no ID no address issue at surgeries|||||action
p05|health|GP reg for MS survivors|remind practices via ICB bulletin|GP|survivors|2025-07-01|2025-12-31|action
-|vic-support|dentist access survivors||||||decision
p06|police-ops|DtN reminder to officers|MS1 forms not being done|DtN||2025-05-01||action
p06|training|Duty to Notify - police briefing|||officers|||action
-|housing|DtN process for LA|who signs off MS1 in the council|DtN|||| decision
p07|housing|HMO inspections Exeter||HMO||2025-06-01|2026-03-31|action
p07|labour-exp|Exeter HMO visits - overcrowded workers|w/ environmental health|||||action
-|housing|HMO inspections Torquay||HMO||2025-09-01|2026-03-31|action
p08|business|MS clause in council contracts|||procurement|2025-04-01|2025-12-31|decision
p08|labour-exp|procurement - labour exploitation q's in tenders|||||| decision
-|business|Transparency statements check|s54 statements of partners||||| evaluation
p09|comms|anti slavery day 18 oct|event + socials|||2025-10-18|2025-10-18|dissemination
p09|vic-support|Anti-Slavery Day event Bristol|survivor speaker?|||2025-09-15|2025-10-18|dissemination
-|comms|World Day vs Trafficking 30 July|socials only|||2025-07-30|2025-07-30|dissemination
p10|cce-cl|cuckooing - tenancy support||cuckooing|tenants|||action
p10|housing|Cuckooing support for LA tenants|tenancy sustainment officers to flag + support|||2025-09-01||action
-|police-ops|cuckooing closure orders|||||| action
p11|labour-exp|Seasonal workers - farm visits Evesham|||farm workers|2025-07-01|2025-09-30|action
p11|health|health bus to farms, Evesham|seasonal workers, GP reg + checks|||2025-06-15|2025-09-15|action
-|labour-exp|seasonal workers - farm visits Cornwall (flower farms)|||farm workers|2026-02-01|2026-04-30|action
p12|police-ops|Nail bar visits Gloucester|||||| action
p12|labour-exp|nail bars - Gloucester|joint visits with police/trading stds|||2025-10-01|2025-12-31|action
-|labour-exp|nail bars Cheltenham|||||| action
p13|vic-support|survivor panel|lived exp group, paid||survivors|||decision
p13|comms|Lived experience advisory grp|to check our leaflets etc|||||decision
p14|cce-cl|taxi drivers CCE/county lines|||taxi drivers|2025-10-01|2025-12-31|action
p14|business|County lines awareness - taxi firms|with licensing|||||action
-|business|hotels CSE awareness|||hotel staff|||action
p15|training|train the trainer|||partner staff|2025-07-01|2026-03-31|action
p15|vic-support|Train the trainers programme|so more ppl can deliver MS training|training||||action
p16|police-ops|reception centre plan|for large ops 10+ victims|||2025-06-01|2025-10-31|decision
p16|vic-support|rest centre for warrants|venue, interpreters, NGO support|||||decision
-|police-ops|debrief after Op Tarn|||||| evaluation
p17|housing|emergency beds protocol|72 hrs pre NRM|||||decision
p17|vic-support|Out of hours accommodation for PVs|council to place in B&B up to 72h|accommodation||2025-07-01|2025-09-30|decision
-|housing|move on housing survivors||||||decision
p18|comms|translated leaflets - workers rights|Polish, Romanian, Bulgarian||workers|||action
p18|labour-exp|Workers rights leaflet (translated)|||EU workers|2025-05-01|2025-07-31|action
-|housing|tenant rights leaflet HMOs|Eng + Polish||tenants|||action
p19|business|banks - suspicious accounts|||banks|||action
p19|police-ops|work with banks re controlled accounts|fraud teams|||2025-09-01||action
p20|health|midwives MS training|||midwives|2026-01-01|2026-03-31|action
p20|training|Maternity staff training - MS|RD&E + Derriford|||||action
-|health|health visitors training MS|||health visitors|||action
p21|cce-cl|ICTG referrals check|every child NRM = ICTG ref?||||| evaluation
p21|vic-support|Check ICTG referrals made|||children|||evaluation
-|cce-cl|missing return interviews audit||||||evaluation
-|cce-cl|Parents workshop county lines Torbay|||parents|2026-02-01|2026-02-28|action
-|cce-cl|Exploitation screening tool update||||||decision
-|comms|Social media - summer campaign|||public|2025-07-01|2025-08-31|dissemination
-|comms|radio - BBC Radio Devon interview||||||dissemination
-|comms|newsletter||||||dissemination
-|comms|bus stop ads Plymouth|helpline no.|||||dissemination
-|training|e-learning module|||all staff|||action
-|training|TNA survey|training needs analysis|||2025-04-01|2025-06-30|evaluation
-|training|Councillor briefing|||members|||action
-|training|DWP work coaches trng|||DWP|||action
-|vic-support|Interpreter guidance||||||dissemination
-|vic-support|survivor welcome pack|||survivors|||action
-|vic-support|Employment scheme survivors|Bright Future|||||action
-|health|ICB safeguarding policy - add MS||||||decision
-|health|Mental health pathway survivors|talking therapies fast track|||||decision
-|health|ambulance crews - video|SWASFT|||||action
-|housing|Homelessness assessment - MS q||||||decision
-|housing|landlords forum Exeter|||landlords|2025-11-01|2025-11-30|action
-|housing|rough sleeper screening Bristol|||||| action
-|labour-exp|GLAA licence checks - growers||GLAA||||action
-|labour-exp|Jobs fair stall Swindon|||||| dissemination
-|labour-exp|construction sites - right to work checks Bristol||||||action
-|police-ops|STPO review|||||| action
-|police-ops|CPS liaison mtg|quarterly|||||action
-|police-ops|MS crime recording audit||||||evaluation
-|police-ops|custody screening Patchway|||detainees|||action
-|business|Business pledge launch|Chamber members first|||2025-10-01||action
-|business|care sector - overseas care workers||care||||action
-|business|SME breakfast supply chains Gloucester||||2026-02-01|2026-02-28|action
-|business|car wash accreditation - council fleet||||||decision
-|health|sexual health clinic screening q's||||||decision
-|comms|helpline cards GP surgeries|||patients|||dissemination
-|cce-cl|online safety yr 7 Exeter||CSE|||| action
-|vic-support|survivor outcomes follow up 6/12 months||||||evaluation
-|training|Hotel staff training Torquay|||hotel staff|||action
-|police-ops|ports - Plymouth ferry terminal awareness||||||action
-|housing|letting agents briefing Bristol||||||action
"""

if __name__ == "__main__":
    rows = parse_block(DATA)
    here = os.path.dirname(os.path.abspath(__file__))
    write_set(os.path.join(here, "..", "terse"), rows, "F", 99, "provenance_terse.csv")
