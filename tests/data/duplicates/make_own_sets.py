#!/usr/bin/python3
"""Write the calibration sets mapa's duplicate defaults were chosen on (docs/duplicates.md).

Three styles, none of them the generator's (scenarios/gen_actions.c) nor the held-out
fixtures' (fixtures/, written by someone who did not see the code):
  own-realistic/  short action-log entries by hand, 12 labelled pairs in other words
  own-template/   form-filled plans: one sentence frame, slots filled from small lists
  own-copies/     hand-written actions copied into another team with small edits
Each folder is a partnership (topics.csv, members.csv, actions.csv) plus labels.csv
(action_a,action_b: the true pairs). Deterministic: run it again to get the same files.
"""
import csv, os, random, sys

TEAMS = ["health", "police", "council", "business", "ngo", "schools"]
HERE = os.path.dirname(os.path.abspath(__file__))

def partnership(folder, actions, labels, synonyms=None):
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "topics.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "name", "min_size", "max_size"])
        for t in TEAMS:
            w.writerow([t, t.title(), 1, 10])
    with open(os.path.join(folder, "members.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "name", "agency", "pref1", "pref2"])
        for k, t in enumerate(TEAMS):
            w.writerow([f"m{k}", f"Member {k}", f"agency{k}", t, TEAMS[(k + 1) % len(TEAMS)]])
    with open(os.path.join(folder, "actions.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "team", "title", "description", "tags", "target_group", "start", "end"])
        for a in actions:
            w.writerow(a)
    with open(os.path.join(folder, "labels.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["action_a", "action_b"])
        for a, b in labels:
            w.writerow([a, b])
    if synonyms:
        with open(os.path.join(folder, "synonyms.csv"), "w", newline="") as f:
            w = csv.writer(f)
            w.writerow(["term", "same_as"])
            for row in synonyms:
                w.writerow(row)

# (team, title, description, tags, target group, start, end); pairs are consecutive
# entries marked with the same pair letter.
REAL = [
    ("A", "health", "Pharmacist briefing", "Brief community pharmacists on signs that a customer buying painkillers for others may be controlled", "health;briefing", "pharmacy staff", "2026-03-01", "2026-05-30"),
    ("A", "business", "Chemist counter prompts", "Short prompt cards for chemist counter staff: what to look for and who to ring when someone seems to be under another's control", "retail;cards", "pharmacy staff", "2026-04-01", "2026-06-30"),
    ("B", "police", "NRM referral clinic", "Monthly drop-in where officers can get help completing NRM referrals", "nrm;referral", "police officers", "2026-01-10", "2026-12-20"),
    ("B", "ngo", "Referral mechanism surgery", "Monthly surgery helping first responders fill in National Referral Mechanism referrals correctly", "referral;support", "first responders", "2026-02-01", "2026-12-31"),
    ("C", "council", "Washroom signs in venues", "Put up signs in washrooms of pubs and clubs giving the helpline number", "signs;night time", "venue customers", "2026-05-01", "2026-08-31"),
    ("C", "business", "Toilet door stickers", "Stickers on the back of toilet doors in bars with the modern slavery helpline", "stickers;hospitality", "bar customers", "2026-06-01", "2026-09-30"),
    ("D", "schools", "County lines assembly", "Assembly for year 9 pupils about how county lines gangs groom children to carry drugs", "schools;cce", "pupils", "2026-09-01", "2026-11-30"),
    ("D", "police", "School talks on drug running", "Officers visit secondary schools to talk to young people about child criminal exploitation and drug running between towns", "schools;youth", "secondary school pupils", "2026-09-15", "2026-12-15"),
    ("E", "council", "Licensing checks at hand car washes", "Joint visits with the GLAA to hand car washes to check workers' pay and accommodation", "labour;inspections", "car wash workers", "2026-04-01", "2026-10-31"),
    ("E", "police", "Car wash welfare visits", "Welfare visits with the Gangmasters and Labour Abuse Authority to car washes to speak to staff about wages and where they sleep", "labour;visits", "car wash workers", "2026-05-01", "2026-09-30"),
    ("F", "ngo", "Survivor peer mentors", "Recruit and train survivors as peer mentors for people leaving safe houses", "survivors;mentoring", "survivors", "2026-02-01", "2026-07-31"),
    ("F", "health", "Peer support after safe house", "Set up peer support by people with lived experience for victims moving on from safe house accommodation", "lived experience;support", "victims", "2026-03-01", "2026-08-31"),
    ("G", "business", "Supplier audit toolkit", "A toolkit small firms can use to audit their suppliers for forced labour risks", "supply chains;toolkit", "small businesses", "2026-01-01", "2026-04-30"),
    ("G", "council", "Procurement modern slavery checklist", "A checklist for council procurement officers to check contractors' supply chains for forced labour", "procurement;supply chains", "procurement officers", "2026-02-01", "2026-05-31"),
    ("H", "schools", "Flyers for parents", "Flyers sent home to parents explaining grooming and exploitation warning signs", "parents;print", "parents", "2026-10-01", "2026-12-31"),
    ("H", "ngo", "Parent leaflet on grooming", "A leaflet for parents and carers on the warning signs that a child is being groomed or exploited", "parents;leaflet", "parents and carers", "2026-09-01", "2026-12-31"),
    ("I", "health", "A&E staff e-learning", "An e-learning module for emergency department nurses on recognising trafficked patients", "training;hospital", "hospital staff", "2026-01-15", "2026-06-30"),
    ("I", "police", "Hospital trafficking awareness course", "Online course for accident and emergency staff on how to recognise patients who may be trafficked", "training;online", "nhs staff", "2026-02-01", "2026-07-31"),
    ("J", "council", "Duty to Notify reminders", "Remind council departments of the duty to notify the Home Office when an adult does not consent to a referral", "duty to notify;guidance", "council staff", "2026-03-01", "2026-04-30"),
    ("J", "ngo", "Notification duty guidance note", "Guidance note for public bodies on notifying the Home Office about adult victims who decline the NRM", "guidance;notify", "public bodies", "2026-03-15", "2026-05-15"),
    ("K", "police", "Nail bar intelligence days", "Days of action gathering intelligence on nail bars suspected of using forced labour", "intelligence;nail bars", "nail bar workers", "2026-06-01", "2026-06-30"),
    ("K", "business", "Nail salon visits with trading standards", "Visit nail salons together with trading standards to look for signs of forced labour", "visits;nail salons", "nail salon staff", "2026-06-10", "2026-07-10"),
    ("L", "schools", "Staff CSE refresher", "Refresher training on CSE for designated safeguarding leads in primary and secondary schools", "safeguarding;training", "teachers", "2026-01-05", "2026-03-31"),
    ("L", "health", "Child sexual exploitation training for safeguarding leads", "Training for school safeguarding leads on child sexual exploitation and how to report it", "training;safeguarding", "school staff", "2026-02-01", "2026-04-30"),
    (None, "health", "GP practice posters", "Posters in GP waiting rooms with the helpline in several languages", "posters;health", "general public", "2026-01-01", "2026-12-31"),
    (None, "police", "Bus station posters", "Posters at the bus station about recognising modern slavery", "posters;transport", "general public", "2026-02-01", "2026-12-31"),
    (None, "council", "Housing officer training", "Train housing officers to spot cuckooing and exploitation in council flats", "training;housing", "housing officers", "2026-03-01", "2026-06-30"),
    (None, "business", "Hotel reception training", "Train hotel receptionists to notice guests who may be victims of sexual exploitation", "training;hospitality", "hotel staff", "2026-04-01", "2026-07-31"),
    (None, "ngo", "Helpline volunteers rota", "Recruit volunteers to staff the evening helpline rota", "volunteers;helpline", "volunteers", "2026-01-01", "2026-12-31"),
    (None, "schools", "Online safety lesson plans", "Lesson plans on online grooming for year 7 and 8", "online safety;lessons", "pupils", "2026-09-01", "2027-01-31"),
    (None, "health", "Maternity unit referral pathway", "Agree a referral pathway for midwives who suspect a pregnant woman is being trafficked", "pathway;maternity", "midwives", "2026-05-01", "2026-09-30"),
    (None, "police", "Annual problem profile", "Write the force's annual modern slavery problem profile from intelligence reports", "intelligence;analysis", "police analysts", "2026-01-01", "2026-03-31"),
    (None, "council", "Taxi driver licence condition", "Make safeguarding training a condition of taxi driver licences", "licensing;taxis", "taxi drivers", "2026-04-01", "2026-12-31"),
    (None, "business", "Construction site toolbox talks", "Toolbox talks for site managers on agency labour and debt bondage", "construction;labour", "site managers", "2026-05-01", "2026-10-31"),
    (None, "ngo", "Interpreters pool", "Build a pool of trusted interpreters in Albanian, Vietnamese and Romanian", "interpreters;languages", "victims", "2026-02-01", "2026-06-30"),
    (None, "schools", "Governors briefing", "Briefing school governors on exploitation risks and the county's safeguarding partnership", "governors;briefing", "school governors", "2026-10-01", "2026-11-30"),
    (None, "health", "Dentist practice awareness", "Awareness visit to dental practices about patients brought in by controlling adults", "dental;awareness", "dental staff", "2026-06-01", "2026-08-31"),
    (None, "police", "Roadside checks of minibuses", "Roadside checks of minibuses carrying workers to farms at dawn", "roads;agriculture", "farm workers", "2026-07-01", "2026-09-30"),
    (None, "council", "Landlord licensing inspections", "Inspect houses in multiple occupation for overcrowding linked to labour exploitation", "housing;inspections", "tenants", "2026-03-01", "2026-11-30"),
    (None, "business", "Farm labour provider seminar", "Seminar for growers on checking labour providers are licensed", "agriculture;labour", "growers", "2026-02-01", "2026-03-31"),
    (None, "ngo", "Safe house move-on flats", "Find move-on flats for survivors leaving the safe house", "housing;survivors", "survivors", "2026-04-01", "2026-12-31"),
    (None, "schools", "Sixth form debate", "A sixth form debate on consumer choices and forced labour in fashion", "debate;fashion", "sixth formers", "2026-11-01", "2026-11-30"),
    (None, "health", "Mental health trauma service", "Fast-track access to trauma therapy for survivors", "mental health;survivors", "survivors", "2026-01-01", "2026-12-31"),
    (None, "police", "Social media monitoring of adult services ads", "Monitor adult services websites for adverts linked to sexual exploitation", "online;intelligence", "police analysts", "2026-01-01", "2026-12-31"),
    (None, "council", "Community safety newsletter article", "Article in the community safety newsletter on modern slavery in the district", "newsletter;awareness", "residents", "2026-02-01", "2026-02-28"),
    (None, "business", "Retailer staff induction module", "A modern slavery module for supermarket staff induction", "retail;induction", "supermarket staff", "2026-03-01", "2026-08-31"),
    (None, "ngo", "Faith groups awareness evenings", "Awareness evenings with churches, mosques and temples", "faith;awareness", "faith communities", "2026-05-01", "2026-10-31"),
    (None, "schools", "College ESOL classes session", "A session for ESOL learners at the college on their rights at work", "esol;rights", "adult learners", "2026-09-01", "2026-12-31"),
]

SYNONYMS = [("chemist", "pharmacist"), ("washroom", "toilet"), ("signs", "stickers"),
            ("salon", "bar"), ("flyer", "leaflet")]

def own_realistic():
    actions, labels, first = [], [], {}
    for k, (pair, team, title, desc, tags, target, s, e) in enumerate(REAL):
        aid = f"r{k + 1:02d}"
        actions.append((aid, team, title, desc, tags, target, s, e))
        if pair:
            if pair in first:
                labels.append((first[pair], aid))
            else:
                first[pair] = aid
    partnership(os.path.join(HERE, "own-realistic"), actions, labels, SYNONYMS)

# form-filled plans: "<activity> for <audience> at <venue> about <issue>"
ACT = [["awareness session", "briefing session"], ["training course", "training workshop"],
       ["poster campaign", "leaflet drop"], ["drop-in surgery", "advice clinic"],
       ["outreach visit", "welfare visit"]]
AUD = [["taxi drivers", "cab drivers"], ["hotel staff", "hospitality workers"],
       ["farm workers", "agricultural workers"], ["nurses", "nursing staff"],
       ["shop staff", "retail workers"], ["students", "learners"],
       ["landlords", "property owners"], ["social workers", "care workers"],
       ["bus drivers", "coach drivers"], ["volunteers", "helpers"]]
VEN = [["the town hall", "the civic centre"], ["the library", "the community library"],
       ["the hospital", "the infirmary"], ["the college", "the further education college"],
       ["the market", "the market hall"], ["the leisure centre", "the sports centre"]]
ISS = [["labour exploitation", "forced labour"], ["sexual exploitation", "commercial sexual exploitation"],
       ["county lines", "child criminal exploitation"], ["debt bondage", "bonded labour"],
       ["domestic servitude", "forced domestic work"]]

def own_template():
    rnd = random.Random(7)
    actions, labels, n = [], [], 0
    used = set()
    while len(actions) < 160:
        slots = (rnd.randrange(len(ACT)), rnd.randrange(len(AUD)), rnd.randrange(len(VEN)),
                 rnd.randrange(len(ISS)))
        if slots in used:
            continue
        used.add(slots)
        dup = rnd.random() < 0.25
        copies = 2 if dup else 1
        team = rnd.choice(TEAMS)
        ids = []
        for c in range(copies):
            pick = [0, 0, 0, 0] if c == 0 else [rnd.randrange(2) for _ in range(4)]
            a, au, v, i = (ACT[slots[0]][pick[0]], AUD[slots[1]][pick[1]], VEN[slots[2]][pick[2]],
                           ISS[slots[3]][pick[3]])
            n += 1
            aid = f"t{n:03d}"
            ids.append(aid)
            t = team if c == 0 else rnd.choice([x for x in TEAMS if x != team])
            if c == 0 or rnd.random() < 0.3:  # a copy mostly runs at the same time
                month = rnd.randrange(1, 12)
            actions.append((aid, t, f"{a.capitalize()} for {au}",
                            f"{a.capitalize()} for {au} at {v} about {i}.",
                            "awareness", "general public" if rnd.random() < 0.5 else au,
                            f"2026-{month:02d}-01", f"2026-{month + 1:02d}-28"))
        if dup:
            labels.append((ids[0], ids[1]))
    # the co-ordinator has written down half of the plans' interchangeable wordings
    syn = [(a, b) for a, b in ACT + AUD + VEN + ISS][::2]
    partnership(os.path.join(HERE, "own-template"), actions, labels, syn)

def edit(text, rnd):
    words = text.split()
    k = rnd.randrange(len(words))
    choice = rnd.randrange(4)
    if choice == 0 and len(words) > 6:
        del words[k]                         # a word dropped
    elif choice == 1:
        words.insert(k, rnd.choice(["local", "new", "all", "our"]))
    elif choice == 2 and k + 1 < len(words):
        words[k], words[k + 1] = words[k + 1], words[k]
    else:
        w = words[k]                         # a typo
        if len(w) > 3:
            j = rnd.randrange(1, len(w) - 1)
            words[k] = w[:j] + w[j + 1] + w[j] + w[j + 2:]
    return " ".join(words)

def own_copies():
    rnd = random.Random(11)
    actions, labels = [], []
    base = [r for r in REAL if r[0] is None] + [r for r in REAL if r[0]][::2]
    for k, (_, team, title, desc, tags, target, s, e) in enumerate(base):
        actions.append((f"c{k + 1:02d}", team, title, desc, tags, target, s, e))
    for k in rnd.sample(range(len(base)), 15):
        _, team, title, desc, tags, target, s, e = base[k]
        other = rnd.choice([t for t in TEAMS if t != team])
        aid = f"c{len(actions) + 1:02d}"
        actions.append((aid, other, edit(title, rnd), edit(edit(desc, rnd), rnd),
                        tags if rnd.random() < 0.5 else "", target, s, e))
        labels.append((f"c{k + 1:02d}", aid))
    partnership(os.path.join(HERE, "own-copies"), actions, labels)

if __name__ == "__main__":
    own_realistic()
    own_template()
    own_copies()
