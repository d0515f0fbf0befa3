"""Deterministic generator for the 'template' set: a partnership whose sub-teams fill
in action plans from a shared spreadsheet template (sentence frames with slots).
Duplicate = same (activity, audience, place) planned by two different teams."""
import sys, os, random, datetime
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import write_set

SEED = 20260
R = random.Random(SEED)

TEAMS = ["awareness-comms", "labour-exploitation", "child-criminal-exploitation",
         "sexual-exploitation", "victim-support", "housing", "health",
         "business-engagement", "enforcement", "training", "community-cohesion"]

# activity: wordings, stage, tag
ACTIVITIES = {
    "awareness_session": (["awareness session", "awareness-raising session", "spot the signs session"], "action", "awareness"),
    "training": (["training course", "half-day training", "training session"], "action", "training"),
    "leaflet": (["leaflet drop", "distribution of leaflets", "leafleting"], "dissemination", "communications"),
    "posters": (["poster campaign", "display of posters", "posters and helpline cards"], "dissemination", "communications"),
    "joint_visits": (["joint visits", "multi-agency visits", "partnership visits"], "action", "enforcement"),
    "drop_in": (["drop-in surgery", "advice drop-in", "drop-in advice session"], "action", "outreach"),
    "workshop": (["workshop", "interactive workshop"], "action", "awareness"),
    "briefing": (["briefing", "short briefing", "information briefing"], "dissemination", "awareness"),
    "survey": (["survey", "questionnaire", "consultation survey"], "evaluation", "data"),
    "outreach": (["outreach session", "street outreach session", "outreach visit"], "action", "outreach"),
    "toolkit": (["toolkit", "resource pack", "guidance pack"], "decision", "partnership"),
    "conference": (["conference", "learning event", "half-day conference"], "dissemination", "partnership"),
}
# audience: wordings, target_group category
AUDIENCES = {
    "taxi": (["taxi drivers", "licensed taxi and private hire drivers", "private hire drivers"], "Businesses"),
    "hotel": (["hotel staff", "hotel and B&B staff", "hotel receptionists"], "Businesses"),
    "gp": (["GP practice staff", "primary care staff", "GP surgery teams"], "Professionals"),
    "teachers": (["teachers", "school staff", "teaching staff and DSLs"], "Professionals"),
    "pupils": (["secondary school pupils", "pupils in Years 8 to 10", "secondary pupils"], "Children and young people"),
    "parents": (["parents and carers", "parents", "parents/carers"], "Public"),
    "car_wash": (["car wash workers", "workers at hand car washes", "hand car wash staff"], "Workers"),
    "farm": (["seasonal farm workers", "agricultural workers", "farm and packhouse workers"], "Workers"),
    "landlords": (["private landlords", "landlords and letting agents", "private sector landlords"], "Businesses"),
    "social_workers": (["social workers", "children's social care staff", "social work teams"], "Professionals"),
    "faith": (["faith leaders", "faith and community leaders", "church and mosque leaders"], "Community groups"),
    "housing_officers": (["housing officers", "council housing staff", "housing and homelessness officers"], "Professionals"),
    "rough_sleepers": (["rough sleepers", "people sleeping rough", "street homeless people"], "Victims and people at risk"),
    "shop": (["convenience store staff", "shop workers", "corner shop owners and staff"], "Businesses"),
    "police": (["neighbourhood officers", "neighbourhood policing teams", "PCSOs and neighbourhood officers"], "Professionals"),
    "survivors": (["survivors", "survivors in outreach support", "people with lived experience"], "Victims and people at risk"),
}
PLACES = {
    "wolverhampton": ["Wolverhampton", "Wolverhampton city centre", "the City of Wolverhampton"],
    "coventry": ["Coventry", "Coventry city", "the Coventry area"],
    "stoke": ["Stoke-on-Trent", "Stoke", "the Potteries"],
    "dundee": ["Dundee", "Dundee city", "the Dundee area"],
    "perth": ["Perth", "Perth and Kinross"],
    "walsall": ["Walsall", "the Walsall borough"],
    "telford": ["Telford", "Telford and Wrekin"],
    "shrewsbury": ["Shrewsbury", "Shrewsbury town centre"],
    "hereford": ["Hereford", "Hereford city", "Herefordshire (Hereford)"],
    "worcester": ["Worcester", "Worcester city"],
    "newport": ["Newport", "Newport (Gwent)", "the city of Newport"],
    "wrexham": ["Wrexham", "Wrexham town", "Wrexham county borough"],
    "nuneaton": ["Nuneaton", "Nuneaton and Bedworth"],
    "kidderminster": ["Kidderminster", "Kidderminster (Wyre Forest)"],
}
ISSUES = {
    "labour": ["labour exploitation", "forced labour", "labour abuse"],
    "cce": ["county lines", "child criminal exploitation", "CCE and county lines"],
    "cse": ["child sexual exploitation", "CSE"],
    "cuckooing": ["cuckooing", "home takeovers (cuckooing)"],
    "servitude": ["domestic servitude"],
    "sexual": ["sexual exploitation of adults", "adult sexual exploitation"],
    "general": ["modern slavery", "modern slavery and human trafficking", "exploitation"],
}
ISSUE_TAG = {"labour": "labour exploitation", "cce": "county lines", "cse": "CSE",
             "cuckooing": "cuckooing", "servitude": "domestic servitude",
             "sexual": "sexual exploitation", "general": "modern slavery"}
# issues plausible per audience
AUD_ISSUES = {
    "taxi": ["cce", "cse", "general"], "hotel": ["cse", "sexual", "cce"],
    "gp": ["general", "servitude", "labour"], "teachers": ["cce", "cse"],
    "pupils": ["cce", "cse"], "parents": ["cce", "cse"], "car_wash": ["labour"],
    "farm": ["labour"], "landlords": ["cuckooing", "labour", "general"],
    "social_workers": ["cce", "cse", "general"], "faith": ["general", "servitude", "labour"],
    "housing_officers": ["cuckooing", "general"], "rough_sleepers": ["labour", "general"],
    "shop": ["cce", "general"], "police": ["cuckooing", "general", "labour"],
    "survivors": ["general", "labour", "sexual"],
}
# activities that make sense for each audience
BAD = {("joint_visits", a) for a in ["gp", "teachers", "pupils", "parents", "social_workers", "faith", "housing_officers", "police", "survivors", "rough_sleepers"]}
BAD |= {("survey", "rough_sleepers"), ("toolkit", "rough_sleepers"), ("toolkit", "pupils"), ("conference", "pupils"), ("conference", "rough_sleepers"),
        ("outreach", "teachers"), ("outreach", "gp"), ("outreach", "social_workers"), ("outreach", "police"), ("outreach", "housing_officers"),
        ("drop_in", "police"), ("drop_in", "social_workers"), ("leaflet", "police"),
        ("outreach", "pupils"), ("outreach", "faith"), ("drop_in", "pupils"), ("drop_in", "teachers"), ("drop_in", "gp"),
        ("conference", "car_wash"), ("conference", "farm"), ("conference", "shop"), ("toolkit", "car_wash"), ("toolkit", "farm"),
        ("briefing", "rough_sleepers"), ("briefing", "pupils"), ("training", "rough_sleepers"), ("training", "pupils"), ("training", "survivors")}

TITLE_FRAMES = [
    "{Act} for {aud} – {place}",
    "{place}: {act} for {aud}",
    "{Act} ({issue}) – {aud}, {place}",
    "{Issue} {act} for {aud} in {place}",
    "{Act} – {aud} ({place})",
]
DESC_FRAMES = [
    "Deliver {a_act} on {issue} to {aud} in {place}.",
    "{Act} aimed at {aud} across {place}, focusing on {issue}.",
    "Plan and run {a_act} for {aud} in {place} to raise awareness of {issue} and how to report concerns.",
    "Target: {aud}. Location: {place}. Activity: {act}. Topic: {issue}.",
    "",
    "{Act} with {aud} in {place} ({issue}); partners to confirm dates at the next meeting.",
    "Arrange {a_act} in {place} so that {aud} know the signs of {issue}.",
]
AFFINITY = {
    "taxi": ["child-criminal-exploitation", "sexual-exploitation", "business-engagement"],
    "hotel": ["sexual-exploitation", "business-engagement", "child-criminal-exploitation"],
    "gp": ["health", "training"], "teachers": ["child-criminal-exploitation", "sexual-exploitation", "training"],
    "pupils": ["child-criminal-exploitation", "sexual-exploitation", "community-cohesion"],
    "parents": ["child-criminal-exploitation", "community-cohesion", "awareness-comms"],
    "car_wash": ["labour-exploitation", "enforcement", "community-cohesion"],
    "farm": ["labour-exploitation", "health", "enforcement"],
    "landlords": ["housing", "enforcement", "business-engagement"],
    "social_workers": ["training", "child-criminal-exploitation", "victim-support"],
    "faith": ["community-cohesion", "awareness-comms"],
    "housing_officers": ["housing", "training"], "rough_sleepers": ["housing", "victim-support", "labour-exploitation"],
    "shop": ["business-engagement", "child-criminal-exploitation", "awareness-comms"],
    "police": ["enforcement", "training"], "survivors": ["victim-support", "health"],
}
ACT_AFF = {"posters": ["awareness-comms"], "leaflet": ["awareness-comms"], "training": ["training"],
           "joint_visits": ["enforcement"], "survey": ["victim-support"], "conference": ["training", "awareness-comms"]}
TG_STYLE = "category"  # target_group from a dropdown list of categories

def art(s):
    return ("an " if s[0].lower() in "aeiou" else "a ") + s

def cap(s):
    return s[0].upper() + s[1:]

def qdates(r):
    y = 2025
    q = r.randrange(5)
    starts = [(2025, 4, 1), (2025, 7, 1), (2025, 10, 1), (2026, 1, 5), (2026, 4, 1)]
    s = datetime.date(*starts[q]) + datetime.timedelta(days=r.choice([0, 0, 7, 14, 30]))
    e = s + datetime.timedelta(days=r.choice([0, 27, 59, 89, 180]))
    if r.random() < 0.08:
        return "", ""
    return s.isoformat(), e.isoformat()

def render(r, act, aud, place, issue, team):
    aw, stage, atag = ACTIVITIES[act]
    audw, tgcat = AUDIENCES[aud]
    a = r.choice(aw); u = r.choice(audw); p = r.choice(PLACES[place]); i = r.choice(ISSUES[issue])
    t = r.choice(TITLE_FRAMES).format(Act=cap(a), act=a, aud=u, place=p, issue=i, Issue=cap(i))
    t = cap(t)
    d = r.choice(DESC_FRAMES).format(Act=cap(a), act=a, a_act=art(a), aud=u, place=p, issue=i)
    tags = [atag, ISSUE_TAG[issue]]
    if r.random() < 0.25:
        tags = tags[:1]
    elif r.random() < 0.2:
        tags.append(r.choice(["partnership", "communications", "data"]))
    tags = list(dict.fromkeys(tags))
    r.shuffle(tags) if r.random() < 0.3 else None
    s, e = qdates(r)
    st = stage if r.random() > 0.15 else r.choice(["", "action", "decision"])
    return dict(slots=(act, aud, place, issue), team=team, title=t, description=d, tags=";".join(tags),
                target_group=tgcat, start=s, end=e, stage=st)

def valid(act, aud):
    return (act, aud) not in BAD

def main():
    used = set()       # (act, aud, place) combos used
    rows = []
    acts = sorted(ACTIVITIES); auds = sorted(AUDIENCES); places = sorted(PLACES)
    def team_for(aud, act, exclude=()):
        likely = [t for t in AFFINITY.get(aud, []) + ACT_AFF.get(act, []) if t not in exclude]
        pool = [t for t in TEAMS if t not in exclude]
        return R.choice(likely) if likely and R.random() < 0.75 else R.choice(pool)
    NPAIRS = 38
    pairs = []
    while len(pairs) < NPAIRS:
        act = R.choice(acts); aud = R.choice(auds); pl = R.choice(places)
        if not valid(act, aud) or (act, aud, pl) in used:
            continue
        used.add((act, aud, pl))
        issue = R.choice(AUD_ISSUES[aud])
        t1 = team_for(aud, act); t2 = team_for(aud, act, exclude=(t1,))
        key = "T%02d_%s_%s_%s" % (len(pairs), act, aud, pl)
        for t in (t1, t2):
            row = render(R, act, aud, pl, issue, t)
            row["key"] = key
            rows.append(row)
        pairs.append((act, aud, pl, issue, t1, t2))
    # near misses: share exactly two of the three slots with a pair
    for (act, aud, pl, issue, t1, t2) in pairs:
        for _ in range(R.choice([1, 2, 2, 3])):
            which = R.randrange(3)
            for _try in range(50):
                a2, u2, p2 = act, aud, pl
                if which == 0: a2 = R.choice(acts)
                elif which == 1: u2 = R.choice(auds)
                else: p2 = R.choice(places)
                if (a2, u2, p2) not in used and valid(a2, u2):
                    break
            else:
                continue
            used.add((a2, u2, p2))
            iss = issue if issue in AUD_ISSUES[u2] and R.random() < 0.7 else R.choice(AUD_ISSUES[u2])
            row = render(R, a2, u2, p2, iss, R.choice([t1, t2]) if R.random() < 0.5 else team_for(u2, a2))
            row["key"] = None
            rows.append(row)
    # fill with other singletons
    while len(rows) < 350:
        act = R.choice(acts); aud = R.choice(auds); pl = R.choice(places)
        if not valid(act, aud) or (act, aud, pl) in used:
            continue
        used.add((act, aud, pl))
        row = render(R, act, aud, pl, R.choice(AUD_ISSUES[aud]), team_for(aud, act))
        row["key"] = None
        rows.append(row)
    here = os.path.dirname(os.path.abspath(__file__))
    out, _ = write_set(os.path.join(here, "..", "template"), rows, "T", SEED, "provenance_template.csv",
              reasons={k: "same (activity, audience, place) slot values: " + k.split("_", 1)[1]
                       for k in set(r["key"] for r in rows if r["key"])})
    import csv
    with open(os.path.join(here, "template_slots.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "team", "activity", "audience", "place", "issue", "group_key"])
        for r in sorted(out, key=lambda r: r["id"]):
            w.writerow([r["id"], r["team"]] + list(r["slots"]) + [r["key"] or ""])

if __name__ == "__main__":
    main()
