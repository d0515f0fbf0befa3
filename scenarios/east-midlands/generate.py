#!/usr/bin/env python3
"""Writes the shipped example partnership (fictional) into this folder.

Deterministic: the same script always writes the same files. Run it from any
folder: python3 scenarios/east-midlands/generate.py
"""
import csv
import json
import os
import random
from datetime import date, timedelta

HERE = os.path.dirname(os.path.abspath(__file__))
rng = random.Random(2026)

TOPICS = [
    # id, name, min_size, max_size, min_agencies, max_per_agency, cf_required
    ("training", "Training for frontline staff", 6, 12, 3, 2, 2),
    ("awareness", "Awareness raising", 6, 12, 3, 2, 2),
    ("victim-care", "Victim identification and safeguarding", 6, 12, 4, 2, 2),
    ("intelligence", "Intelligence sharing", 6, 11, 3, 2, 2),
    ("labour", "Labour exploitation", 6, 11, 3, 2, 2),
    ("sexual", "Sexual exploitation", 6, 11, 3, 2, 2),
    ("county-lines", "Child criminal exploitation and county lines", 6, 11, 3, 2, 2),
    ("business", "Business and supply chains", 5, 10, 3, 2, 2),
]

# id, name, sector, members it sends, role of its people, discipline
AGENCIES = [
    ("notts-police-msu", "Nottinghamshire Police Modern Slavery Unit", "police", 4, "Detective Sergeant", "investigation"),
    ("derbys-police-nbh", "Derbyshire Constabulary Neighbourhood Policing", "police", 2, "Police Constable", "neighbourhood policing"),
    ("leics-police-msu", "Leicestershire Police Modern Slavery Team", "police", 2, "Detective Constable", "investigation"),
    ("emsou-rocu", "East Midlands Special Operations Unit (Regional Organised Crime Unit)", "police", 2, "Intelligence Analyst", "intelligence"),
    ("lincs-police", "Lincolnshire Police Neighbourhood Policing", "police", 1, "Police Sergeant", "neighbourhood policing"),
    ("btp-em", "British Transport Police, East Midlands", "police", 1, "Police Constable", "transport policing"),
    ("notts-opcc", "Office of the Nottinghamshire Police and Crime Commissioner", "government", 2, "Policy Officer", "commissioning"),
    ("glaa", "Gangmasters and Labour Abuse Authority", "government", 3, "Labour Abuse Prevention Officer", "labour inspection"),
    ("hmrc", "HM Revenue and Customs, Fraud Investigation Service", "government", 1, "Officer", "tax compliance"),
    ("immigration-enf", "Home Office Immigration Enforcement", "government", 1, "Immigration Officer", "immigration"),
    ("dwp", "Department for Work and Pensions, East Midlands", "government", 1, "Partnership Manager", "benefits"),
    ("probation-em", "Probation Service, East Midlands", "government", 1, "Probation Officer", "offender management"),
    ("nottm-city-asc", "Nottingham City Council Adult Social Care", "local_authority", 4, "Social Worker", "adult safeguarding"),
    ("nottm-city-childrens", "Nottingham City Council Children's Services", "local_authority", 2, "Social Worker", "child protection"),
    ("notts-cc-safeguarding", "Nottinghamshire County Council Safeguarding Adults", "local_authority", 2, "Safeguarding Manager", "adult safeguarding"),
    ("derby-city-housing", "Derby City Council Housing", "local_authority", 2, "Housing Officer", "housing"),
    ("leicester-city-licensing", "Leicester City Council Licensing", "local_authority", 1, "Licensing Officer", "licensing"),
    ("lincs-cc-tsi", "Lincolnshire County Council Trading Standards", "local_authority", 3, "Trading Standards Officer", "trading standards"),
    ("boston-bc", "Boston Borough Council Environmental Health", "local_authority", 1, "Environmental Health Officer", "environmental health"),
    ("mansfield-dc", "Mansfield District Council Community Safety", "local_authority", 1, "Community Safety Officer", "community safety"),
    ("nnc-housing", "North Northamptonshire Council Housing", "local_authority", 1, "Tenancy Officer", "housing"),
    ("notts-fire", "Nottinghamshire Fire and Rescue Service", "fire", 2, "Fire Safety Inspector", "fire safety"),
    ("derbys-fire", "Derbyshire Fire and Rescue Service", "fire", 1, "Station Manager", "fire safety"),
    ("nuh", "Nottingham University Hospitals NHS Trust", "health", 3, "Named Nurse for Safeguarding", "nursing"),
    ("uhl", "University Hospitals of Leicester NHS Trust", "health", 1, "Safeguarding Lead", "nursing"),
    ("emas", "East Midlands Ambulance Service NHS Trust", "health", 1, "Paramedic", "emergency care"),
    ("ddicb", "NHS Derby and Derbyshire Integrated Care Board", "health", 1, "Designated Professional", "primary care"),
    ("salvation-army", "The Salvation Army (victim care)", "ngo", 3, "Victim Care Caseworker", "victim support"),
    ("unseen", "Unseen", "ngo", 1, "Helpline Adviser", "victim support"),
    ("hope-for-justice", "Hope for Justice", "ngo", 3, "Independent Modern Slavery Advocate", "advocacy"),
    ("red-cross", "British Red Cross", "ngo", 1, "Refugee Support Worker", "victim support"),
    ("barnardos", "Barnardo's", "ngo", 2, "Child Exploitation Worker", "youth work"),
    ("citizens-advice", "Citizens Advice Nottingham and District", "ngo", 1, "Adviser", "advice"),
    ("nottm-cvs", "Nottingham Community and Voluntary Service", "ngo", 1, "Development Worker", "community development"),
    ("migrant-help", "Migrant Help", "ngo", 1, "Outreach Worker", "migrant support"),
    ("crimestoppers", "Crimestoppers, East Midlands", "ngo", 1, "Regional Manager", "community engagement"),
    ("faith-network", "Nottingham Faith Network Against Trafficking", "faith", 1, "Volunteer Co-ordinator", "community engagement"),
    ("clewer", "The Clewer Initiative", "faith", 1, "Regional Lead", "community engagement"),
    ("uon-rights-lab", "University of Nottingham Rights Lab", "academia", 2, "Research Fellow", "research"),
    ("ntu", "Nottingham Trent University", "academia", 1, "Senior Lecturer", "research"),
    ("greenfield-foods", "Greenfield Foods (regional grocer)", "business", 1, "Ethical Trade Manager", "supply chain"),
    ("trent-valley-recruitment", "Trent Valley Recruitment", "business", 1, "Compliance Manager", "recruitment"),
    ("riverside-hotels", "Riverside Hotels Group", "business", 1, "Operations Manager", "hospitality"),
    ("midlands-growers", "Midlands Growers Co-operative", "business", 1, "HR Manager", "agriculture"),
]

# How likely each sector ranks each topic (order of TOPICS).
AFFINITY = {
    "police":          [2, 1, 3, 6, 3, 5, 5, 1],
    "government":      [2, 1, 2, 4, 6, 2, 2, 4],
    "local_authority": [4, 3, 5, 2, 4, 3, 4, 2],
    "fire":            [5, 4, 2, 2, 3, 2, 1, 1],
    "health":          [5, 3, 6, 1, 1, 3, 2, 1],
    "ngo":             [3, 5, 6, 1, 3, 4, 3, 1],
    "faith":           [2, 6, 4, 1, 2, 2, 2, 1],
    "academia":        [4, 4, 2, 3, 3, 2, 2, 4],
    "business":        [2, 3, 1, 1, 4, 1, 1, 7],
}

FIRST = ["Aisha", "Ben", "Carys", "Dev", "Eleanor", "Farid", "Grace", "Harpreet", "Ian", "Joanna",
         "Kwame", "Lena", "Marek", "Nadia", "Owen", "Priya", "Rory", "Sana", "Tomasz", "Una",
         "Vikram", "Wendy", "Xavier", "Yasmin", "Zoe", "Adam", "Bethany", "Chidi", "Dorota",
         "Ethan", "Fatima", "Gareth", "Hannah", "Imran", "Jess", "Kieran", "Laura", "Mohammed",
         "Niamh", "Oliver", "Paula", "Rashid", "Sophie", "Tariq", "Rebecca", "Ahmed", "Claire",
         "Daniel", "Ewa", "Frances", "George", "Helen", "Iqbal", "Julia", "Karl", "Lucy",
         "Matthew", "Nicola", "Patrick", "Ruth", "Simon", "Tessa", "Usman", "Victoria", "Will",
         "Amara", "Bogdan", "Catherine", "Dominic", "Esther", "Femi", "Gemma"]
LAST = ["Ashworth", "Bailey", "Chaudhry", "Dawson", "Evans", "Fletcher", "Greaves", "Hussain",
        "Ingram", "Jankowski", "Kaur", "Lawson", "Mensah", "Nowak", "Okafor", "Patel", "Quinn",
        "Rahman", "Sharpe", "Turner", "Underwood", "Varga", "Whitfield", "Yates", "Zielinska",
        "Atkinson", "Birch", "Cartwright", "Dhillon", "Ellis", "Foster", "Gill", "Holloway",
        "Iqbal", "Jones", "Kowalczyk", "Lister", "Marsh", "Noble", "Osei", "Pearson", "Riley",
        "Singh", "Thornton", "Walsh", "Young", "Brennan", "Coleman", "Doyle", "Emery"]

COORDINATORS = {"notts-opcc", "nottm-cvs", "uon-rights-lab"}


def write_csv(name, header, rows):
    with open(os.path.join(HERE, name), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def ranked_topics(sector, k):
    weights = list(AFFINITY[sector])
    chosen = []
    for _ in range(k):
        total = sum(w for i, w in enumerate(weights) if i not in chosen)
        x = rng.random() * total
        for i, w in enumerate(weights):
            if i in chosen:
                continue
            x -= w
            if x <= 0:
                chosen.append(i)
                break
    return [TOPICS[i][0] for i in chosen]


def make_members():
    names = [(f, l) for f, l in zip(FIRST, rng.sample(LAST * 2, len(FIRST)))]
    members = []
    n = 0
    coordinators_left = set(COORDINATORS)
    for agency in AGENCIES:
        aid, _, sector, count, role, discipline = agency
        for _ in range(count):
            n += 1
            first, last = names[n - 1]
            coordinator = aid in coordinators_left
            coordinators_left.discard(aid)
            k = 0 if coordinator else rng.choice([3, 3, 3, 3, 3, 2])
            prefs = ranked_topics(sector, k)
            members.append({
                "id": f"m{n:02d}",
                "name": f"{first} {last}",
                "agency": aid,
                "role": "Partnership Co-ordinator" if coordinator else role,
                "discipline": discipline,
                "spoc_willing": "yes" if (not coordinator and rng.random() < 0.45) else "no",
                "cf_capacity": 0 if coordinator else rng.choice([1, 1, 1, 1, 2, 2]),
                "coordinator": "yes" if coordinator else "no",
                "prefs": prefs,
                "previous_team": "" if coordinator or rng.random() < 0.4 else
                                 (prefs[0] if rng.random() < 0.6 else rng.choice(TOPICS)[0]),
            })
    # a few real-life constraints
    members[2]["fixed_team"] = "intelligence"        # leads the force's intelligence work
    members[40]["avoid_teams"] = "sexual;county-lines"
    members[55]["avoid_teams"] = "intelligence"
    return members


def write_members(members):
    k = max(len(m["prefs"]) for m in members)
    header = ["id", "name", "agency", "role", "discipline", "spoc_willing", "cf_capacity",
              "coordinator"] + [f"pref{i + 1}" for i in range(k)] + \
             ["fixed_team", "avoid_teams", "previous_team"]
    rows = []
    for m in members:
        prefs = m["prefs"] + [""] * (k - len(m["prefs"]))
        rows.append([m["id"], m["name"], m["agency"], m["role"], m["discipline"],
                     m["spoc_willing"], m["cf_capacity"], m["coordinator"]] + prefs +
                    [m.get("fixed_team", ""), m.get("avoid_teams", ""), m["previous_team"]])
    write_csv("members.csv", header, rows)


def statutory(sector):
    return "yes" if sector in ("police", "government", "local_authority", "fire", "health") else "no"


# Actions per team. Pairs marked with the same letter describe the same work in
# different words: the duplicates mapa should find (see README.md).
ACTIONS = [
    ("training", "Car wash worker leaflet", "Design and print a leaflet in Polish, Romanian and Vietnamese telling hand car wash workers about their rights, wages and where to get help", "leaflet;labour rights;car wash", "car wash workers", "2026-10-01", "2026-12-15", "action", "A"),
    ("training", "GP receptionist training", "Deliver a one-hour session to GP practice receptionists on spotting the signs of modern slavery and how to refer a patient", "training;health;referral", "primary care staff", "2026-09-15", "2027-01-31", "action", "B"),
    ("training", "Train-the-trainer programme", "Build a pool of twelve trainers across agencies who can deliver the standard modern slavery awareness module", "training;capacity", "frontline staff", "2026-11-01", "2027-03-31", "decision", ""),
    ("training", "E-learning module refresh", "Update the partnership's e-learning module with new case studies and the revised statutory guidance", "training;e-learning", "frontline staff", "2026-10-15", "2027-02-28", "action", ""),
    ("training", "Fire safety inspectors briefing", "Brief fire safety inspectors on indicators of exploitation in overcrowded residential premises", "training;fire;housing", "fire inspectors", "2026-09-01", "2026-10-31", "evaluation", ""),
    ("training", "Housing officers workshop", "Half-day workshop for tenancy and housing officers on cuckooing and exploitation in social housing", "training;housing;cuckooing", "housing officers", "2026-12-01", "2027-02-15", "decision", ""),
    ("training", "Training evaluation survey", "Survey participants three months after training to measure changes in referrals and confidence", "evaluation;training", "frontline staff", "2027-01-01", "2027-04-30", "evaluation", ""),
    ("training", "Ambulance crew pocket guide", "Produce a pocket guide for ambulance crews on what to do when a patient may be a victim", "health;guide", "paramedics", "2026-10-01", "2026-12-31", "action", ""),
    ("awareness", "Multilingual cards for car wash staff", "Produce small information cards in several languages for staff at hand car washes explaining employment rights, minimum wage and helpline numbers", "information card;car wash;languages", "car wash workers", "2026-10-20", "2027-01-31", "decision", "A"),
    ("awareness", "Anti-Slavery Day campaign", "Run a social media and bus-stop poster campaign across the region around Anti-Slavery Day", "campaign;social media", "general public", "2026-09-15", "2026-10-31", "dissemination", ""),
    ("awareness", "Secondary school talks on criminal exploitation", "Give talks in secondary schools about how young people are recruited into drug dealing and criminal exploitation", "schools;young people;criminal exploitation", "secondary school pupils", "2026-11-01", "2027-03-31", "decision", "E"),
    ("awareness", "Faith leaders toolkit", "Create a toolkit for faith leaders on recognising exploitation in their congregations", "faith;toolkit", "faith communities", "2026-10-01", "2027-01-31", "action", ""),
    ("awareness", "Helpline number on council websites", "Make sure every council website shows the Modern Slavery Helpline number on its safeguarding pages", "helpline;web", "general public", "2026-09-01", "2026-11-30", "action", ""),
    ("awareness", "Local radio interviews", "Arrange interviews on local radio with survivors and police about modern slavery in the region", "media;radio", "general public", "2026-11-15", "2027-01-15", "dissemination", ""),
    ("awareness", "Taxi driver awareness", "Add a modern slavery section to the taxi and private hire licensing course", "licensing;taxi", "taxi drivers", "2026-12-01", "2027-04-30", "decision", ""),
    ("awareness", "Community events calendar", "Keep a shared calendar of community events where partners can run awareness stalls", "events;community", "general public", "2026-09-01", "2027-06-30", "action", ""),
    ("victim-care", "Primary care staff briefings", "Run briefing sessions for staff in GP surgeries and health centres so they can recognise potential victims and know how to refer them", "health;referral;briefing", "primary care staff", "2026-10-01", "2027-02-28", "decision", "B"),
    ("victim-care", "Emergency accommodation protocol", "Agree a protocol for emergency accommodation for adult victims on the night they are found", "accommodation;protocol", "adult victims", "2026-09-15", "2026-12-31", "action", ""),
    ("victim-care", "NRM referral pathway map", "Map the referral pathway for first responders into the National Referral Mechanism, with contacts for each agency", "nrm;referral;pathway", "first responders", "2026-10-01", "2026-11-30", "evaluation", "G"),
    ("victim-care", "Interpreters framework", "Agree access to independent interpreters for first interviews with potential victims", "interpreters;interview", "adult victims", "2026-11-01", "2027-01-31", "decision", ""),
    ("victim-care", "Survivor peer support group", "Set up a monthly peer support group run with survivors", "survivors;peer support", "survivors", "2026-12-01", "2027-06-30", "decision", ""),
    ("victim-care", "Duty to notify audit", "Audit how often public bodies use the duty to notify when a victim does not consent to an NRM referral", "duty to notify;audit", "public bodies", "2026-09-01", "2026-12-31", "evaluation", ""),
    ("victim-care", "Reachable moments in hospital", "Use hospital stays as reachable moments: train A&E safeguarding teams to talk to potential victims privately", "health;hospital", "adult victims", "2026-10-15", "2027-03-31", "action", ""),
    ("intelligence", "Information sharing agreement", "Sign a multi-agency information sharing agreement covering modern slavery intelligence", "information sharing;agreement", "partner agencies", "2026-09-01", "2026-12-31", "decision", ""),
    ("intelligence", "Nail bar intelligence visits", "Carry out multi-agency visits to nail bars to gather intelligence on workers who may be controlled", "nail bars;visits;intelligence", "nail bar workers", "2026-11-01", "2027-02-28", "action", "C"),
    ("intelligence", "Partner intelligence submission form", "Create a simple form partners can use to pass intelligence to the police", "intelligence;form", "partner agencies", "2026-09-15", "2026-10-31", "evaluation", ""),
    ("intelligence", "Monthly tasking meeting", "Hold a monthly tasking and co-ordination meeting on modern slavery intelligence", "tasking;meeting", "partner agencies", "2026-09-01", "2027-08-31", "action", ""),
    ("intelligence", "Who to contact flowchart", "Produce a flowchart showing who to contact when a potential victim is identified, and how to make a National Referral Mechanism referral", "nrm;flowchart;contacts", "first responders", "2026-10-15", "2026-12-15", "decision", "G"),
    ("intelligence", "Problem profile", "Write a regional problem profile of modern slavery from police, GLAA and council data", "analysis;profile", "partner agencies", "2026-10-01", "2027-03-31", "action", ""),
    ("intelligence", "Financial indicators with banks", "Work with banks to flag financial indicators of exploitation, such as many wages paid into one account", "banks;finance", "financial sector", "2026-12-01", "2027-05-31", "decision", ""),
    ("labour", "Small business supplier workshop", "Workshop for small businesses on checking their suppliers and the labour agencies they use for signs of forced labour", "workshop;suppliers;business", "small businesses", "2026-11-01", "2027-01-31", "decision", "D"),
    ("labour", "Joint inspections of farms", "Joint GLAA and HMRC inspections of seasonal agricultural work at harvest time", "inspection;agriculture", "seasonal workers", "2026-09-01", "2026-10-31", "evaluation", ""),
    ("labour", "Nail bar inspections with trading standards", "Joint inspection visits to nail bars with trading standards and licensing to check on the workers", "nail bars;inspection;trading standards", "nail bar workers", "2026-10-15", "2027-01-31", "decision", "C"),
    ("labour", "Warehouse worker outreach", "Outreach sessions at bus stops used by agency warehouse workers on early shifts", "outreach;warehouse", "warehouse workers", "2026-11-15", "2027-02-28", "action", ""),
    ("labour", "Wage theft advice clinic", "Monthly advice clinic on unpaid wages and debt bondage with Citizens Advice", "advice;wages", "migrant workers", "2026-10-01", "2027-06-30", "action", ""),
    ("labour", "Labour exploitation case review", "Review closed labour exploitation cases to learn why few reached prosecution", "case review;prosecution", "partner agencies", "2027-01-01", "2027-03-31", "evaluation", ""),
    ("labour", "Construction site checks", "Right-to-work and welfare checks on large construction sites with the main contractors", "construction;checks", "construction workers", "2026-12-01", "2027-04-30", "decision", ""),
    ("sexual", "Hotel staff awareness sessions", "Sessions for hotel reception and housekeeping staff on spotting sexual exploitation and trafficking of guests", "hotels;sexual exploitation;training", "hotel staff", "2026-10-01", "2027-01-31", "decision", "F"),
    ("sexual", "Adult services website monitoring", "Monitor adult services websites for adverts showing signs of control", "online;monitoring", "adults in sex work", "2026-09-01", "2027-02-28", "action", ""),
    ("sexual", "Specialist sexual health outreach", "Outreach with sexual health clinics to women in off-street sex work", "health;outreach", "women in sex work", "2026-11-01", "2027-03-31", "action", ""),
    ("sexual", "Safe exit pathway", "Agree a pathway out of sexual exploitation with housing, benefits and counselling", "pathway;housing;benefits", "women in sex work", "2026-12-01", "2027-05-31", "decision", ""),
    ("sexual", "Landlord letters", "Write to landlords of flats linked to pop-up brothels about their responsibilities", "landlords;housing", "landlords", "2026-10-15", "2026-12-31", "action", ""),
    ("sexual", "Night-time economy patrols", "Joint welfare patrols in the night-time economy with police and street pastors", "patrols;night-time economy", "general public", "2026-11-01", "2027-01-31", "evaluation", ""),
    ("sexual", "Trafficked women support audit", "Audit the support offered to trafficked women after the NRM recovery period ends", "audit;support", "survivors", "2027-01-01", "2027-04-30", "evaluation", ""),
    ("county-lines", "County lines school assemblies", "A programme of school assemblies on county lines grooming and how young people are drawn into carrying drugs", "schools;county lines;grooming", "secondary school pupils", "2026-10-15", "2027-03-31", "action", "E"),
    ("county-lines", "Cuckooing response protocol", "Agree how police, housing and adult social care respond when a vulnerable tenant's home is taken over", "cuckooing;protocol;housing", "vulnerable adults", "2026-09-15", "2026-12-31", "decision", ""),
    ("county-lines", "Railway station outreach", "Outreach at railway stations with British Transport Police to spot children travelling alone for drug runs", "transport;outreach", "children", "2026-10-01", "2027-01-31", "action", ""),
    ("county-lines", "Return home interviews", "Improve return home interviews with children who go missing, to find signs of criminal exploitation", "missing children;interviews", "children", "2026-11-01", "2027-04-30", "decision", ""),
    ("county-lines", "Parents evening sessions", "Information sessions for parents on the signs that a child is being criminally exploited", "parents;information", "parents", "2027-01-15", "2027-04-30", "decision", ""),
    ("county-lines", "Youth worker network", "A network of youth workers who meet monthly to share concerns about exploitation", "youth work;network", "young people", "2026-09-01", "2027-08-31", "action", ""),
    ("county-lines", "Transition to adulthood review", "Review support for exploited young people turning eighteen", "transition;review", "young people", "2027-02-01", "2027-05-31", "evaluation", ""),
    ("business", "Supply chain transparency workshop", "A workshop for local small and medium enterprises on mapping their supply chains and checking labour providers for forced labour risks", "supply chains;workshop;sme", "small businesses", "2026-11-15", "2027-02-15", "decision", "D"),
    ("business", "Hospitality workers training", "Training for hotel and night-time economy workers to recognise trafficking for sexual exploitation among guests", "hospitality;training;sexual exploitation", "hotel staff", "2026-11-01", "2027-02-28", "decision", "F"),
    ("business", "Modern slavery statement clinic", "Help businesses under the reporting threshold write a voluntary modern slavery statement", "statements;compliance", "small businesses", "2026-10-01", "2027-01-31", "action", ""),
    ("business", "Ethical recruitment pledge", "Invite recruitment agencies to sign a pledge against charging workers recruitment fees", "recruitment;pledge", "recruitment agencies", "2026-12-01", "2027-03-31", "decision", ""),
    ("business", "Public procurement clauses", "Add modern slavery clauses to council procurement contracts and check the largest suppliers", "procurement;contracts", "council suppliers", "2026-09-15", "2027-03-31", "action", ""),
    ("business", "Retail worker helpline posters", "Put helpline posters in staff rooms of partner retailers and warehouses", "posters;helpline", "retail workers", "2026-10-01", "2026-11-30", "dissemination", ""),
    ("business", "Business network breakfast", "Quarterly breakfast meeting for local businesses on modern slavery risks", "network;business", "local businesses", "2026-09-01", "2027-06-30", "action", ""),
]


def write_actions():
    rows = []
    for i, (team, title, desc, tags, target, start, end, stage, _) in enumerate(ACTIONS, 1):
        rows.append([f"a{i:02d}", team, title, desc, tags, target, start, end, stage])
    write_csv("actions.csv", ["id", "team", "title", "description", "tags", "target_group",
                              "start", "end", "stage"], rows)


def write_interactions(members):
    """A few months of logged contacts: mostly within agencies and previous teams."""
    by_agency, by_team = {}, {}
    for m in members:
        by_agency.setdefault(m["agency"], []).append(m["id"])
        if m["previous_team"]:
            by_team.setdefault(m["previous_team"], []).append(m["id"])
    sector = {a[0]: a[2] for a in AGENCIES}
    ids = [m["id"] for m in members]
    rows = []
    day = date(2026, 9, 1)
    while day < date(2026, 11, 21):
        if day.weekday() < 5:
            for _ in range(rng.randint(3, 8)):
                m = rng.choice(members)
                r = rng.random()
                pool = ids
                if r < 0.35 and len(by_agency[m["agency"]]) > 1:
                    pool = by_agency[m["agency"]]
                elif r < 0.75 and m["previous_team"]:
                    pool = by_team[m["previous_team"]]
                elif r < 0.85:
                    pool = [x["id"] for x in members if sector[x["agency"]] == sector[m["agency"]]]
                other = rng.choice(pool)
                if other == m["id"]:
                    continue
                channel = rng.choice(["email", "email", "email", "phone", "phone", "meeting", "teams"])
                weight = {"email": 1, "phone": 2, "teams": 2, "meeting": 3}[channel]
                rows.append([m["id"], other, day.isoformat(), channel, weight])
        day += timedelta(days=1)
    write_csv("interactions.csv", ["from", "to", "date", "channel", "weight"], rows)


def main():
    write_csv("topics.csv", ["id", "name", "min_size", "max_size", "min_agencies",
                             "max_per_agency", "cf_required"], TOPICS)
    write_csv("agencies.csv", ["id", "name", "sector", "statutory"],
              [(a[0], a[1], a[2], statutory(a[2])) for a in AGENCIES])
    members = make_members()
    write_members(members)
    write_actions()
    write_interactions(members)
    settings = {
        "name": "East Midlands Modern Slavery Partnership (fictional)",
        "objective": "borda",
        "require_statutory": True,
        "require_voluntary": False,
        "move_penalty": 1,
        "seed": 2026,
    }
    with open(os.path.join(HERE, "settings.json"), "w", encoding="utf-8") as f:
        json.dump(settings, f, indent=2)
        f.write("\n")


if __name__ == "__main__":
    main()
