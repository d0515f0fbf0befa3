# name|team|title|description|tags|target_group|start|end|stage
ORIGINALS = r"""
o01|adult-safeguarding|Adult safeguarding referral pathway for modern slavery|Agree and publish a single pathway for adult social care staff in Lancashire showing how to raise a safeguarding concern, when to refer to the NRM and how to complete the Duty to Notify.|safeguarding;NRM;pathway|Adult social care staff|2025-06-02|2025-09-26|decision
o02|adult-safeguarding|Safeguarding adults board learning review|Thematic review of three cases where adults with care and support needs were exploited in their own homes, with recommendations to the Lancashire SAB.|learning review;safeguarding|Safeguarding Adults Board|2025-09-01|2026-01-30|evaluation
o03|adult-safeguarding|Care Act section 42 enquiries – exploitation|Audit of section 42 enquiries involving exploitation to see whether modern slavery was considered.|audit;Care Act|Adult social care|2025-10-06|2025-12-19|evaluation
o04|children-young-people|Year 9 county lines assemblies – Blackpool|Deliver county lines assemblies to Year 9 in all Blackpool secondary schools with the Blackpool Youth Service and police schools officers.|county lines;schools;CCE|Year 9 pupils|2025-09-08|2025-12-19|action
o05|children-young-people|Exploitation training for foster carers|Two evening sessions for foster carers and residential staff on the signs of criminal and sexual exploitation and what to do if a child goes missing.|training;foster carers;CCE;CSE|Foster carers and residential staff|2025-10-01|2025-11-28|action
o06|children-young-people|Return home interview quality audit|Review a sample of return home interviews for children missing from home or care in Preston to check exploitation is explored.|missing;audit|Children missing from home or care|2025-07-01|2025-09-30|evaluation
o07|children-young-people|Child exploitation hub – weekly MACE meeting|Keep the weekly multi-agency child exploitation (MACE) meeting going in Burnley and extend attendance to housing and the youth justice service.|MACE;partnership|Professionals|2025-04-01|2026-03-31|action
o08|labour-market|Hand car wash checks – Preston|Joint welfare checks with the GLAA, HMRC and Lancashire Police at hand car washes along the A6 in Preston, looking at pay, hours and accommodation.|labour exploitation;car washes;HMRC|Car wash workers|2025-06-02|2025-08-29|action
o09|labour-market|Farm and packhouse visits – Ormskirk|Visits to farms and packhouses around Ormskirk and Burscough during the harvest season with the GLAA to talk to seasonal workers about their pay and conditions.|agriculture;seasonal workers;GLAA|Seasonal agricultural workers|2025-07-01|2025-09-30|action
o10|labour-market|Labour provider licence awareness|Remind growers and food processors in West Lancashire that labour providers must hold a GLAA licence and how to check.|GLAA;licensing|Growers and food processors|2025-05-01|2025-06-30|dissemination
o11|labour-market|Construction site visits – Manchester Road development|Visits to subcontractors on the Manchester Road regeneration site with the main contractor to check right to work and pay.|construction;right to work|Construction workers|2025-11-03|2026-01-30|action
o12|labour-market|Employment rights drop-in – Polish and Romanian speakers|Monthly drop-in at Preston library with an interpreter where workers can get advice on pay, contracts and deductions.|employment rights;drop-in;interpreters|Eastern European workers|2025-06-01|2026-03-31|action
o13|comms-campaigns|Anti-Slavery Day social media campaign|A week of posts across all partner accounts leading up to Anti-Slavery Day on 18 October, using survivor quotes and the helpline number.|social media;Anti-Slavery Day;campaign|General public|2025-10-11|2025-10-18|dissemination
o14|comms-campaigns|Bus stop advertising – Blackburn|Adverts on bus shelters in Blackburn town centre with the Modern Slavery Helpline number, in English, Urdu and Romanian.|advertising;helpline|Public|2025-11-03|2025-12-01|dissemination
o15|comms-campaigns|Partnership newsletter|Quarterly email newsletter to partner staff with updates, case studies and training dates.|newsletter;communications|Partner staff|2025-06-30|2026-03-31|dissemination
o16|comms-campaigns|Translated spot the signs leaflet|Update the spot the signs leaflet and translate into the ten most common languages of NRM referrals in Lancashire.|leaflets;translation|Public and frontline staff|2025-05-01|2025-08-29|action
o17|comms-campaigns|Local radio interviews|Arrange interviews on BBC Radio Lancashire and community radio stations during the summer campaign.|media;radio|Public|2025-07-07|2025-08-29|dissemination
o18|policing-ops|Cuckooing closure orders – Burnley|Use partial closure orders and tenancy action to protect vulnerable tenants whose homes have been taken over by county lines dealers in Burnley.|cuckooing;closure orders;county lines|Vulnerable tenants|2025-06-01|2026-03-31|action
o19|policing-ops|Operation Aidant intensification week|Take part in the national Op Aidant week of action on labour exploitation with visits to high-risk premises across the county.|Op Aidant;labour exploitation|High-risk premises|2026-02-02|2026-02-06|action
o20|policing-ops|Modern slavery SPOC network|Make sure each policing district has a trained modern slavery single point of contact and hold a quarterly SPOC meeting.|SPOCs;police|Police officers|2025-04-01|2026-03-31|decision
o21|policing-ops|Victim debrief protocol|Write a protocol for debriefing recovered potential victims after warrants, covering interpreters, NGO presence and welfare.|debrief;victims;warrants|Potential victims|2025-07-01|2025-10-31|decision
o22|policing-ops|Nail bar visits – Lancaster and Morecambe|Joint visits to nail bars in Lancaster and Morecambe with trading standards and immigration enforcement.|nail bars;labour exploitation|Nail bar workers|2025-09-01|2025-11-28|action
o23|health-wellbeing|Modern slavery training for midwives|Deliver a one-hour session for community midwives at Royal Preston Hospital on spotting trafficking and domestic servitude in pregnant women.|training;maternity;NHS|Community midwives|2025-10-06|2025-12-19|action
o24|health-wellbeing|GP registration for survivors|Work with the ICB to make sure survivors can register with a GP without ID or proof of address, and produce a card they can show at reception.|GP registration;survivors|Survivors|2025-06-01|2025-10-31|action
o25|health-wellbeing|Sexual health clinic screening questions|Add two exploitation screening questions to the sexual health clinic assessment at Blackpool Whitegate Drive.|sexual health;screening|Clinic attendees|2025-09-01|2025-12-31|decision
o26|health-wellbeing|Mental health pathway for survivors|Agree a route into trauma-focused therapy for adult survivors supported in Lancashire, with interpreters.|mental health;trauma;survivors|Adult survivors|2025-11-03|2026-03-31|decision
o27|health-wellbeing|Dental and optical access|Scope free dental and eye checks for survivors living in safe houses.|dental;survivors|Survivors in safe houses|2026-01-05|2026-03-31|decision
o28|housing-tenancy|HMO inspections – Blackpool central|Programme of inspections of houses in multiple occupation in Blackpool's central wards where overcrowded workers have been reported.|HMOs;inspections;overcrowding|HMO tenants|2025-06-02|2026-03-27|action
o29|housing-tenancy|Landlords' forum session on exploitation|Slot at the Preston landlords' forum on signs a property is being used to house exploited people, and what to report.|landlords;awareness|Private landlords|2025-09-17|2025-09-17|action
o30|housing-tenancy|Move-on accommodation for survivors|Priority banding on the housing register for survivors leaving safe house accommodation with a positive conclusive grounds decision.|housing;move on;survivors|Survivors with CG decision|2025-07-01|2025-12-31|decision
o31|housing-tenancy|Homelessness assessment exploitation question|Add a question on exploitation and control to the homelessness assessment used by the district councils.|homelessness;screening|Homeless applicants|2025-05-01|2025-07-31|decision
o32|housing-tenancy|Rough sleeper outreach screening|Outreach workers to use a short screening tool with rough sleepers in Preston city centre to pick up labour exploitation.|rough sleepers;labour exploitation;screening|Rough sleepers|2025-10-01|2026-03-31|action
o33|third-sector|Volunteer befriending for survivors|Recruit and train volunteer befrienders to support survivors who have left the safe house and are living alone.|befriending;volunteers|Survivors living independently|2025-09-01|2026-06-30|action
o34|third-sector|Faith communities awareness evening – Blackburn|An evening at a Blackburn community centre for leaders from churches, mosques and temples on how to spot exploitation in their communities.|faith;awareness|Faith leaders|2025-11-12|2025-11-12|action
o35|third-sector|Food bank volunteers briefing|Short briefing for food bank volunteers in Preston and Chorley on signs of exploitation among clients.|food banks;volunteers|Food bank volunteers|2025-06-16|2025-07-25|action
o36|third-sector|Survivor-led advisory panel|Set up a paid panel of survivors to review partnership materials and advise on the strategy.|survivor voice;co-production|Survivors|2025-07-01|2026-03-31|decision
o37|third-sector|Charity small grants for outreach|Bid to the Community Foundation for Lancashire for small grants for outreach by grassroots groups.|funding;outreach|Grassroots groups|2025-05-01|2025-08-29|decision
o38|business-procurement|Modern slavery clause in council contracts|Add a standard modern slavery clause and supplier questionnaire to Lancashire County Council tenders for cleaning, care, construction and catering.|procurement;contracts|Council procurement|2025-04-01|2025-12-31|decision
o39|business-procurement|Business breakfast on supply chains – Lancaster|Breakfast event with the chamber of commerce for small manufacturers and food businesses in Lancaster on checking supply chains.|business;supply chains;events|SMEs|2026-02-10|2026-02-10|dissemination
o40|business-procurement|Hotel sector pledge|Ask hotels in Blackpool to sign up to a pledge to train front-of-house staff and display the helpline.|hotels;pledge|Hotels|2025-09-01|2026-03-31|action
o41|business-procurement|Transparency statement review|Check that partner agencies over the £36m threshold have published an up-to-date modern slavery statement.|transparency;s54|Partner agencies|2025-10-01|2025-12-19|evaluation
o42|business-procurement|Bank and building society contacts|Set up named contacts in the main banks so staff can pass on concerns about accounts controlled by third parties.|banks;financial|Banks|2025-06-01|2025-11-28|action
o43|adult-safeguarding|Domestic servitude awareness for care agencies|Briefing for home care agencies on domestic servitude and how live-in care workers can be exploited.|domestic servitude;care sector|Home care agencies|2025-11-03|2026-01-30|action
o44|children-young-people|Parents' evening sessions on county lines – Preston|Short sessions at parents' evenings in Preston secondary schools on how children are groomed into county lines.|county lines;parents|Parents and carers|2025-10-06|2026-02-13|action
o45|labour-market|Seasonal worker welfare packs|Welfare packs for seasonal workers arriving on farms in West Lancashire: SIM card, helpline, rights card in several languages.|seasonal workers;welfare|Seasonal workers|2025-05-01|2025-07-31|action
o46|comms-campaigns|Posters in service station toilets|Posters with the helpline number in toilets at the Forton and Charnock Richard services on the M6.|posters;transport|Travelling public|2025-08-01|2025-08-29|dissemination
o47|policing-ops|Taxi driver county lines briefing – Blackpool|Briefing for licensed taxi drivers in Blackpool on spotting children being moved on county lines.|taxis;county lines|Taxi drivers|2025-10-01|2025-12-19|action
o48|health-wellbeing|A&E staff awareness – Royal Blackburn|Short sessions at shift handover for ED staff at Royal Blackburn Hospital on recognising potential victims.|A&E;training|Emergency department staff|2025-09-01|2025-11-28|action
o49|housing-tenancy|Cuckooing tenancy support – Burnley|Tenancy support officers to identify and support tenants at risk of cuckooing in Burnley social housing.|cuckooing;tenancy support|Social housing tenants|2025-07-01|2026-03-31|action
o50|third-sector|Drop-in advice at Carlisle community centre|Weekly drop-in at a Carlisle community centre for migrant workers with advice and referrals.|drop-in;migrant workers|Migrant workers|2025-06-04|2026-03-25|action
o51|adult-safeguarding|Self-neglect and exploitation guidance|Guidance for practitioners on adults who self-neglect and are also being exploited.|guidance;self-neglect|Adult social care practitioners|2026-01-05|2026-03-31|decision
o52|children-young-people|Independent Child Trafficking Guardian referrals check|Check every child referred into the NRM in Lancashire has also been referred to an ICTG.|ICTG;children;NRM|Child victims|2025-09-01|2026-03-31|evaluation
o53|policing-ops|Ports and airport awareness – Heysham|Awareness sessions with port staff at Heysham on trafficking through the Isle of Man and Irish ferry routes.|ports;border|Port staff|2025-11-03|2025-12-19|action
o54|comms-campaigns|Summer festival stall|Stall at the Lancaster Music Festival with leaflets and the helpline.|events;awareness|Festival goers|2025-10-10|2025-10-12|dissemination
o55|labour-market|Nail bar workers' rights cards|Small rights cards in Vietnamese for nail bar workers, handed out on visits.|nail bars;Vietnamese;rights|Nail bar workers|2025-08-01|2025-10-31|action
o56|health-wellbeing|Ambulance crew awareness video|Short video for North West Ambulance Service crews on signs at addresses they attend.|ambulance;training|Ambulance crews|2026-01-12|2026-03-27|action
o57|housing-tenancy|Letting agents briefing – Lancaster|Briefing for letting agents in Lancaster on right to rent checks and signs of exploitation.|letting agents;right to rent|Letting agents|2025-10-01|2025-11-28|action
o58|third-sector|Wrexham migrant support network|Join up with the Wrexham migrant support network to share referral routes across the Welsh border.|cross-border;Wales;networks|Migrant support groups|2025-09-01|2026-03-31|action
o59|business-procurement|Car wash accreditation for fleet|Council fleet to use only car washes in the Responsible Car Wash Scheme.|car washes;fleet|Council fleet team|2025-09-01|2026-02-27|decision
o60|adult-safeguarding|Adult exploitation screening tool|Introduce an adult exploitation screening tool for front door adult social care teams.|screening;adult social care|Adult social care front door|2025-06-01|2025-09-30|decision
o61|policing-ops|Custody screening for victims|Custody sergeants to ask detainees a few screening questions to identify potential victims of modern slavery at Preston custody.|custody;screening|Detainees|2025-10-01|2026-03-31|action
o62|children-young-people|Online safety workshops – Year 7 Rhyl|Workshops for Year 7 pupils in Rhyl high schools on online grooming and sexual exploitation.|online safety;CSE;schools|Year 7 pupils|2026-01-12|2026-03-27|action
o63|comms-campaigns|Helpline cards in GP surgeries|Distribute helpline cards to GP surgeries across Blackburn with Darwen.|helpline;GP surgeries|Patients|2025-06-02|2025-07-25|dissemination
o64|labour-market|Car wash checks – Barrow-in-Furness|Welfare checks at hand car washes in Barrow with the GLAA and Cumbria Police.|car washes;labour exploitation|Car wash workers|2026-01-05|2026-03-27|action
o65|business-procurement|Care home provider forum session|Session at the care providers' forum on overseas care workers, sponsorship and recruitment debt.|care sector;sponsorship|Care home providers|2025-11-19|2025-11-19|action
"""

# Light copies: (original, copying team, operations). Operations applied in order.
# ops: typo, reorder, dates, drop, add:<word>, tags, trim (drop last sentence), case
LIGHT = [
    ("o01", "third-sector", ["typo", "dates", "tags"]),
    ("o04", "comms-campaigns", ["reorder", "dates"]),
    ("o05", "adult-safeguarding", ["add:Lancashire", "tags"]),
    ("o08", "policing-ops", ["reorder", "typo", "dates", "tags"]),
    ("o08", "comms-campaigns", ["drop", "dates"]),          # triple with o08
    ("o09", "third-sector", ["trim", "dates"]),
    ("o12", "third-sector", ["typo", "tags"]),
    ("o13", "third-sector", ["dates", "drop"]),
    ("o16", "third-sector", ["typo", "typo"]),
    ("o18", "housing-tenancy", ["reorder", "tags"]),
    ("o21", "adult-safeguarding", ["add:multi-agency", "dates"]),
    ("o23", "children-young-people", ["typo", "dates"]),
    ("o24", "third-sector", ["trim", "tags"]),
    ("o24", "housing-tenancy", ["typo", "dates"]),          # triple with o24
    ("o28", "labour-market", ["reorder", "dates", "tags"]),
    ("o32", "third-sector", ["case", "dates"]),
    ("o36", "comms-campaigns", ["add:new", "tags"]),
    ("o38", "labour-market", ["typo", "drop"]),
    ("o40", "comms-campaigns", ["reorder", "dates"]),
    ("o42", "policing-ops", ["tags", "typo"]),
    ("o44", "comms-campaigns", ["reorder", "trim"]),
    ("o47", "children-young-people", ["reorder", "tags", "dates"]),
    ("o49", "policing-ops", ["drop", "tags"]),
    ("o52", "adult-safeguarding", ["case", "tags"]),
    ("o55", "policing-ops", ["typo", "dates"]),
    ("o57", "comms-campaigns", ["trim", "typo"]),
    ("o61", "adult-safeguarding", ["add:all", "dates"]),
]

# Substantive copies (NOT duplicates): (original, team, replacements, extra light ops)
SUBST = [
    ("o08", "labour-market", [("Preston", "Blackburn"), ("along the A6 in ", "along the A666 in ")], ["dates"]),
    ("o04", "children-young-people", [("Year 9", "Year 11"), ("Blackpool", "Fleetwood")], []),
    ("o22", "policing-ops", [("Lancaster and Morecambe", "Blackburn and Accrington")], ["dates"]),
    ("o29", "housing-tenancy", [("Preston landlords' forum", "Blackpool landlords' forum")], ["dates"]),
    ("o23", "health-wellbeing", [("midwives", "health visitors"), ("community health visitors at Royal Preston Hospital", "health visitors in Chorley and South Ribble"), ("pregnant women", "families with young children")], []),
    ("o35", "third-sector", [("food bank volunteers", "night shelter volunteers"), ("Food bank volunteers", "Night shelter volunteers"), ("in Preston and Chorley", "in Preston"), ("among clients", "among guests"), ("food banks;", "night shelters;")], []),
    ("o47", "policing-ops", [("taxi drivers", "bus drivers"), ("Taxi driver", "Bus driver"), ("Taxi drivers", "Bus drivers"), ("licensed bus drivers in Blackpool", "Blackpool Transport bus drivers"), ("taxis", "buses")], ["dates"]),
    ("o14", "comms-campaigns", [("Blackburn", "Burnley"), ("Urdu and Romanian", "Urdu and Polish")], ["dates"]),
    ("o48", "health-wellbeing", [("Royal Blackburn Hospital", "Blackpool Victoria Hospital"), ("Royal Blackburn", "Blackpool Victoria")], []),
    ("o62", "children-young-people", [("online grooming and sexual exploitation", "county lines and criminal exploitation"), ("online safety;CSE", "county lines;CCE"), ("Online safety", "County lines")], []),
    ("o34", "third-sector", [("Blackburn", "Lancaster")], ["dates"]),
    ("o13", "comms-campaigns", [("Anti-Slavery Day on 18 October", "World Day Against Trafficking in Persons on 30 July"), ("Anti-Slavery Day social", "World Day Against Trafficking social"), ("Anti-Slavery Day;", "World Day Against Trafficking;")], ["dates"]),
    ("o28", "housing-tenancy", [("Blackpool's central wards", "Morecambe's West End"), ("Blackpool central", "Morecambe West End")], ["dates"]),
    ("o32", "housing-tenancy", [("labour exploitation", "sexual exploitation"), ("labour exploitation;", "sexual exploitation;")], []),
]
