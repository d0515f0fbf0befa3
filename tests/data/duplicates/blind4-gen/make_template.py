"""Deterministic template-style generator (West Midlands partnership)."""
import sys, random, datetime
sys.path.insert(0, "/work/blind4/gen")
from common import write_set
R = random.Random(20270404)
TEAMS = [("police","Police"),("local-authority","Local Authority"),("health","Health"),
 ("labour-market","Labour Market Enforcement"),("fire-service","Fire Service"),
 ("trading-standards","Trading Standards"),("ngo-support","NGO Victim Support"),
 ("faith-groups","Faith Groups"),("business","Business Engagement"),("comms-training","Comms and Training"),
 ("housing","Housing"),("education","Education and Young People")]
TIDS = [t for t,_ in TEAMS]
ACT = {  # key: (wordings, stage, tag)
 "training": (["awareness training","spot the signs training","awareness sessions"],"action","training"),
 "leaflets": (["leaflet distribution","leaflet drop","distribution of information leaflets"],"dissemination","leaflets"),
 "visits": (["joint visits","multi-agency visits","partnership visits"],"action","visits"),
 "briefing": (["briefing","information briefing","short briefing session"],"dissemination","briefing"),
 "workshop": (["workshop","interactive workshop"],"action","workshop"),
 "posters": (["poster campaign","poster and social media campaign"],"dissemination","campaign"),
 "dropin": (["drop-in sessions","drop-in advice sessions","pop-up advice stalls"],"action","drop-in"),
 "elearning": (["e-learning rollout","online learning module","e-learning"],"action","e-learning"),
 "survey": (["survey","questionnaire","baseline survey"],"evaluation","survey"),
 "guidance": (["guidance document","practice guidance","quick guide"],"decision","guidance"),
 "event": (["awareness event","community event","engagement event"],"dissemination","event"),
}
AUD = {
 "taxi": ["taxi drivers","taxi and private hire drivers"],
 "hotel": ["hotel staff","hotel reception and housekeeping staff"],
 "gp": ["GP practice staff","primary care staff"],
 "housingoff": ["housing officers","housing staff"],
 "school": ["school staff","teachers and school staff"],
 "faith": ["faith leaders","clergy and faith leaders"],
 "care": ["care workers","care home staff","domiciliary care staff"],
 "construction": ["construction workers","building site workers"],
 "bank": ["bank staff","bank branch staff"],
 "landlord": ["landlords","private landlords"],
 "farm": ["farm workers","seasonal agricultural workers"],
 "nail": ["nail bar workers","nail salon staff"],
 "carwash": ["car wash workers","hand car wash staff"],
 "students": ["international students","overseas students"],
}
PLACE = {
 "bham": ["Birmingham","Birmingham city centre"], "cov": ["Coventry","the Coventry area"],
 "wolves": ["Wolverhampton","the City of Wolverhampton"], "dudley": ["Dudley","Dudley borough"],
 "walsall": ["Walsall"], "sandwell": ["Sandwell","West Bromwich and Sandwell"],
 "solihull": ["Solihull"], "telford": ["Telford","Telford and Wrekin"],
}
ISSUE = {
 "labour": ["labour exploitation","forced labour"], "sexual": ["sexual exploitation","sex trafficking"],
 "criminal": ["criminal exploitation","county lines"], "servitude": ["domestic servitude","domestic slavery"],
 "debt": ["debt bondage","debt-based control"], "general": ["modern slavery","modern slavery and trafficking"],
}
def cap(s): return s[0].upper()+s[1:]
FRAMES = [
 lambda a,u,p,i: (f"{cap(a)} for {u} in {p}", f"Deliver {a} for {u} in {p}, focusing on {i}."),
 lambda a,u,p,i: (f"{cap(p)}: {a} ({u})", f"{cap(a)} - target group {u}; area {p}; theme {i}."),
 lambda a,u,p,i: (f"{cap(a)} on {i} - {u}", f"Target audience: {u}. Location: {p}. Activity: {a} on {i}."),
 lambda a,u,p,i: (f"{cap(u)} {a}, {p}", f"Plan and run {a} with {u} across {p} to raise awareness of {i}."),
 lambda a,u,p,i: (f"{cap(a)} - {p} {u}", ""),
]
def date_pair():
    m = R.randint(1, 10); d = R.randint(1, 28)
    s = datetime.date(2027, m, d); e = s + datetime.timedelta(days=R.choice([0, 30, 60, 90, 120]))
    if R.random() < 0.1: return "", ""
    if R.random() < 0.1: return s.isoformat(), ""
    return s.isoformat(), e.isoformat()
def tags_for(act, aud, place, issue):
    pool = [ACT[act][2], aud, issue, place, R.choice(["2027/28","priority","awareness","partnership"])]
    R.shuffle(pool); n = R.randint(1, 4)
    if R.random() < 0.1: return ""
    return ";".join(pool[:n])
def make(team, act, aud, place, issue, variant=None):
    ws = ACT[act][0]; v = variant if variant is not None else R.randrange(99)
    a = ws[v % len(ws)]; u = AUD[aud][(v // 3) % len(AUD[aud])]
    p = PLACE[place][(v // 2) % len(PLACE[place])]; i = ISSUE[issue][(v // 5) % len(ISSUE[issue])]
    fr = FRAMES[R.randrange(len(FRAMES))]
    t, d = fr(a, u, p, i)
    s, e = date_pair()
    tg = R.choice([u, AUD[aud][0], "", u])
    st = ACT[act][1] if R.random() < 0.85 else ""
    return dict(team=team, title=t, description=d, tags=tags_for(act, aud, place, issue),
                target_group=tg, start=s, end=e, stage=st)
ALL = [(a, u, p) for a in ACT for u in AUD for p in PLACE]
R.shuffle(ALL)
NPAIR = 34
pair_triples = ALL[:NPAIR]
used = set(pair_triples)
actions, pairs = [], []
for (a, u, p) in pair_triples:
    issue = R.choice(list(ISSUE))
    t1, t2 = R.sample(TIDS, 2)
    v1 = R.randrange(99)
    v2 = v1 + R.choice([1, 2, 3, 4, 7, 11])
    x = make(t1, a, u, p, issue, v1); y = make(t2, a, u, p, issue, v2)
    if x["title"] == y["title"]: y = make(t2, a, u, p, issue, v2 + 1)
    actions += [x, y]; pairs.append((x, y))
# near-misses: share exactly two of the three slots with a pair triple
near = []
for (a, u, p) in pair_triples:
    for _ in range(2):
        k = R.randrange(3)
        while True:
            if k == 0: c = (R.choice(list(ACT)), u, p)
            elif k == 1: c = (a, R.choice(list(AUD)), p)
            else: c = (a, u, R.choice(list(PLACE)))
            if c not in used: break
        used.add(c); near.append(c)
rest = [c for c in ALL if c not in used]
singles = near + rest[:300 - len(actions) - len(near)]
for (a, u, p) in singles:
    actions.append(make(R.choice(TIDS), a, u, p, R.choice(list(ISSUE))))
R.shuffle(actions)
for n, x in enumerate(actions, 1): x["id"] = f"T{n:03d}"
pairs = [tuple(sorted((x["id"], y["id"]))) for x, y in pairs]
print(write_set("/work/blind4/template", actions, pairs, TEAMS))
