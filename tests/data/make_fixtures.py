#!/usr/bin/env python3
"""Writes the partnership fixtures in tests/data/: one small good folder and one
folder per class of bad input, each the good folder with one thing broken.

Each bad folder's expected.txt (written by hand, checked by the tests) lists
every message `mapa validate` must print, and exit.txt the exit code.
Run: python3 tests/data/make_fixtures.py
"""
import os

HERE = os.path.dirname(os.path.abspath(__file__))

TOPICS = (
    "id,name,min_size,max_size,min_agencies,max_per_agency,cf_required\n"
    "t1,Training,1,4,1,2,2\n"
    "t2,Awareness,1,4,1,2,2\n"
    "t3,Victim care,1,4,1,,2\n"
)
AGENCIES = (
    "id,name,sector,statutory\n"
    "police,Police Modern Slavery Unit,police,yes\n"
    "council,City Council Adult Social Care,local_authority,yes\n"
    "ngo,Victim Support Charity,ngo,no\n"
)
MEMBERS = (
    "id,name,agency,spoc_willing,cf_capacity,coordinator,pref1,pref2\n"
    "m1,Ann Archer,police,yes,1,no,t1,t2\n"
    "m2,Bilal Khan,council,yes,2,no,t2,t3\n"
    "m3,Cara Doyle,ngo,yes,1,no,t3,t1\n"
    "m4,Dan Evans,police,no,1,no,t1,t3\n"
    "m5,Eve Fox,council,no,0,no,t2,t1\n"
    "m6,Gus Hale,ngo,no,1,no,t3,t2\n"
    "c1,Ivy Jones,council,no,0,yes,,\n"
)


def write(folder, name, data):
    path = os.path.join(HERE, folder, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    mode = "wb" if isinstance(data, bytes) else "w"
    with open(path, mode, **({} if mode == "wb" else {"newline": "", "encoding": "utf-8"})) as f:
        f.write(data)


def case(folder, members=MEMBERS, topics=TOPICS, agencies=AGENCIES, settings=None,
         interactions=None, actions=None):
    # expected.txt and exit.txt are kept: they are written and checked by hand
    for name in ("members.csv", "topics.csv", "agencies.csv", "settings.json", "interactions.csv",
                 "actions.csv"):
        path = os.path.join(HERE, folder, name)
        if os.path.exists(path):
            os.remove(path)
    write(folder, "members.csv", members)
    write(folder, "topics.csv", topics)
    if agencies is not None:
        write(folder, "agencies.csv", agencies)
    if settings is not None:
        write(folder, "settings.json", settings)
    if interactions is not None:
        write(folder, "interactions.csv", interactions)
    if actions is not None:
        write(folder, "actions.csv", actions)


def csv_cell(text):
    return '"' + text.replace('"', '""') + '"'


def hostile_names():
    """A valid partnership whose every name is hostile (tests/io/test_hostile_names.py): names
    of 10,000 characters of every width, right-to-left text and overrides, zero-width and
    combining characters, = + - @ at the start (spreadsheet formulas), Graphviz escapes
    (\\N \\G \\L \\E \\T \\H, a trailing backslash), XML and HTML markup, quotes."""
    long_mixed = ("a\u00e9\u4e2d\U0001F600" * 2500)  # 1, 2, 3 and 4 bytes: 10,000 characters
    long_arabic = ("\u0641\u0631\u064a\u0642 " * 2000)  # right to left, 10,000 characters
    topics = [
        ("t1", long_mixed),
        ("=t2", "Team \\G \\N \\L \\E \\T \\H \\n\\l\\r and a trailing backslash \\"),
        ("@t3", "<script>alert(1)</script> & <TABLE><TR><TD>x</TD></TR></TABLE> ]]> \"q\" \u202eevil\u202c"),
    ]
    agencies = [
        ("police", long_arabic, "police", "yes"),
        ("+council", "=HYPERLINK(\"http://x\",\"y\") \u200b\u200d\ufeff zero-width", "local_authority", "yes"),
        ("-ngo", "@SUM(1+1) \u05e2\u05de\u05d5\u05ea\u05d4 \u200f", "ngo", "no"),
    ]
    members = [
        ("m1", "Ann \\N Archer", "police", "t1", "=t2"),
        ("=m2", "=cmd|' /C calc'!A0", "+council", "=t2", "@t3"),
        ("@m3", "+1-800-555 \"Bilal\" O'Brien", "-ngo", "@t3", "t1"),
        ("-m4", "-2+3 \u202eDan Evans\u202c", "police", "t1", "@t3"),
        ("+m5", long_mixed[:9999] + "\\", "+council", "=t2", "t1"),
        ("m6\\", "e\u0301\u0301\u0301\u0301 \U0001F469\u200d\U0001F469\u200d\U0001F467 family", "-ngo", "@t3", "=t2"),
        ("m7", long_arabic, "police", "t1", "=t2"),
        ("m8", "<b>bold</b> &amp; \\G", "+council", "=t2", "@t3"),
        ("m9", "Trailing backslash \\", "-ngo", "@t3", "t1"),
        ("c1", "Coordinator \\N " + long_mixed[:200], "police", "", ""),
    ]
    write_rows = lambda header, rows: header + "\n" + "".join(",".join(csv_cell(c) for c in r) + "\n" for r in rows)
    case("hostile/names",
         topics=write_rows("id,name,min_size,max_size", [(i, n, "2", "4") for i, n in topics]),
         agencies=write_rows("id,name,sector,statutory", agencies),
         members=write_rows("id,name,agency,pref1,pref2,spoc_willing,coordinator",
                            [m + ("yes", "yes" if m[0] == "c1" else "no") for m in members]),
         settings='{ "name": "=Hostile \\\\N partnership \\u202e' + "x" * 300 + '" }\n',
         actions=write_rows("id,team,title,description,tags,target_group,start,end,stage", [
             ("x1", "t1", "Leaflets \\N for car washes", "Print leaflets\n\tfor car wash workers", "leaflet;=tag", "car wash workers", "2026-10-01", "2026-12-01", "action"),
             ("x2", "=t2", "=Leaflets for car washes", "Print leaflets for car wash workers " + long_mixed[:500], "leaflet", "car wash workers", "2026-10-01", "2026-12-01", "action"),
             ("x3", "@t3", "<script>x</script>", "Talks in schools \u202e\u200b", "@schools", "pupils", "", "", ""),
         ]),
         interactions=write_rows("from,to,date,channel,weight", [
             ("m1", "=m2", "2026-09-01", "=email", "1"),
             ("@m3", "-m4", "2026-09-02", "\u202ephone", "2.5"),
             ("m6\\", "m7", "2026-09-03", "<b>meeting</b>", ""),
         ]))


def main():
    case("good/tiny")
    # Every accepted variation at once: BOM, CRLF, columns in another order,
    # quoted commas and newlines, spaces, flag spellings, pref1..pref4, an unknown column.
    case("good/variants",
         members=("\ufeffName , ID,Agency,PREF1,pref2,pref3,pref4,Spoc Willing,notes,coordinator,cf_capacity,avoid_teams,previous_team\r\n"
                  "\"Archer, Ann\",m1,police,t1,t2,t3,,TRUE,\"likes \"\"maps\"\"\nand charts\",0,2,t3,t1\r\n"
                  "  Bilal Khan  ,m2,council, t2 ,,,,y,,false,,,gone\r\n"
                  "Cara Doyle,m3,ngo,t3,t1,t2,,1,,No,1, t1 ; t2 ,\r\n"
                  "Ivy Jones,c1,council,,,,,no,,yes,0,,\r\n"
                  ",,,,,,,,,,,,\r\n"),
         topics=TOPICS.replace("\n", "\r\n").replace("t3,Victim care,1,4,1,,2", "t3,\"Victim care, safeguarding\",0,unlimited,1,,2"),
         settings='{ "name": "Variants", "cf_capacity": 3, "comment": "ignored" }\n')
    case("bad/missing_column",
         members=MEMBERS.replace("agency,", "organisation,", 1))
    case("bad/empty_id",
         members=MEMBERS.replace("m4,Dan", ",Dan"),
         topics=TOPICS.replace("t2,Awareness", ",Awareness"))
    case("bad/duplicate_id",
         members=MEMBERS.replace("m5,Eve", "m2,Eve"),
         topics=TOPICS + "t1,Training again,1,4,1,2,2\n",
         agencies=AGENCIES + "ngo,Another Charity,ngo,no\n")
    case("bad/unknown_reference",
         members=MEMBERS.replace("m1,Ann Archer,police,yes,1,no,t1,t2",
                                 "m1,Ann Archer,polce,yes,1,no,t1,t9")
                        .replace("id,name,agency,spoc_willing,cf_capacity,coordinator,pref1,pref2",
                                 "id,name,agency,spoc_willing,cf_capacity,coordinator,pref1,pref2,fixed_team,avoid_teams,previous_team")
                        .replace("m2,Bilal Khan,council,yes,2,no,t2,t3", "m2,Bilal Khan,council,yes,2,no,t2,t3,t7,t1;tx,old-team"))
    case("bad/duplicate_pref",
         members=MEMBERS.replace("m3,Cara Doyle,ngo,yes,1,no,t3,t1", "m3,Cara Doyle,ngo,yes,1,no,t3,t3"))
    case("bad/pref_gap",
         members=MEMBERS.replace("pref1,pref2\n", "pref1,pref2,pref3\n")
                        .replace("m4,Dan Evans,police,no,1,no,t1,t3", "m4,Dan Evans,police,no,1,no,t1,,t3"))
    case("bad/bad_number",
         members=MEMBERS.replace("m2,Bilal Khan,council,yes,2,", "m2,Bilal Khan,council,yes,two,"),
         topics=TOPICS.replace("t1,Training,1,4", "t1,Training,1.5,4").replace("t2,Awareness,1,4,1,2,2", "t2,Awareness,1,4,1,2,maybe"))
    case("bad/interactions",
         interactions=("from,to,date,channel,weight\n"
                       "m1,m2,2026-09-01,email,\n"
                       "m1,m9,2026-09-02,phone,1\n"
                       "m3,m4,2026-02-30,meeting,2\n"
                       "m5,m6,01/10/2026,email,1\n"
                       "m2,m3,2026-09-03,email,-1\n"
                       "m4,,2026-09-03,email,1\n"
                       "m6,m6,2026-09-04,note,1\n"))
    case("bad/actions",
         actions=("id,team,title,description,tags,target_group,start,end,stage\n"
                  "x1,t1,Leaflet,Car wash leaflet,leaflet,car wash workers,2026-10-01,2026-12-15,action\n"
                  "x2,t9,Cards,Cards for car washes,cards,car wash workers,2026-10-01,2026-12-15,action\n"
                  "x3,t2,Talks,School talks,schools,pupils,2026-13-01,2026-12-15,decision\n"
                  "x4,t2,Audit,Audit of referrals,audit,partners,2026-12-01,2026-11-01,evaluation\n"
                  "x1,t3,Again,Same id again,,,,,\n"
                  "x6,t3,,,,,,,\n"
                  "x7,t3,Survey,A survey,,,,,planning\n"))
    case("bad/bad_flag",
         members=MEMBERS.replace("m6,Gus Hale,ngo,no,", "m6,Gus Hale,ngo,perhaps,"))
    case("bad/negative_capacity",
         members=MEMBERS.replace("m6,Gus Hale,ngo,no,1,", "m6,Gus Hale,ngo,no,-1,"))
    case("bad/min_above_max",
         topics=TOPICS.replace("t2,Awareness,1,4,1,2,2", "t2,Awareness,5,3,1,2,2"))
    case("bad/total_min_too_high",
         topics=TOPICS.replace("t1,Training,1,4", "t1,Training,3,4").replace("t2,Awareness,1,4", "t2,Awareness,3,4"))
    case("bad/total_max_too_low",
         topics=TOPICS.replace(",1,4,", ",1,1,"))
    case("bad/too_many_agencies",
         topics=TOPICS.replace("t3,Victim care,1,4,1,,2", "t3,Victim care,1,4,4,,2"))
    case("warn/unranked_topic",
         topics=TOPICS + "t4,Business,0,4,1,2,2\n")
    case("bad/invalid_utf8",
         members=MEMBERS.replace("Ann Archer", "Zo\u00eb Archer").encode()
         .replace(b"Cara Doyle", b"Cara Do\xe9yle"))
    case("warn/windows_1252",
         members=MEMBERS.replace("Cara Doyle", "Cara Do\u00e9yle").encode("cp1252"),
         agencies=AGENCIES.replace("Charity", "Charity \u00a3").encode("cp1252"))
    case("warn/utf16",
         members=b"\xff\xfe" + MEMBERS.replace("Cara Doyle", "Cara Do\u00e9yle").encode("utf-16-le"))
    case("bad/not_csv",
         members=b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00[Content_Types].xml")
    case("bad/json_not_csv", topics='{ "topics": [ {"id": "t1", "name": "Training"} ] }\n')
    case("bad/prose_not_csv",
         members="Dear colleagues\nPlease find attached the list of members for the next meeting.\n")
    case("bad/empty_file", members="")
    case("bad/only_bom", topics="\ufeff")
    case("bad/header_only", members="id,name,agency,pref1\n")
    case("bad/stray_quote",
         members=MEMBERS.replace("m5,Eve Fox", "m5,Eve \"Evie\" Fox"))
    case("bad/unclosed_quote",
         members=MEMBERS.replace("m6,Gus Hale", "m6,\"Gus Hale"))
    case("bad/unquoted_comma",
         members=MEMBERS.replace("m4,Dan Evans", "m4,Evans, Dan"))
    case("bad/settings_syntax", settings='{ "objective": "borda",\n  "seed": 12,, }\n')
    case("bad/settings_values",
         settings='{\n  "objective": "happiest",\n  "min_size": -2,\n  "soft": "yes",\n  "colour": "blue"\n}\n')
    case("bad/many_problems",
         members="id,name,agency,pref1\n" + "".join(f"x{i},Name {i},police,nope{i}\n" for i in range(1, 81)))
    case("bad/coordinator_fixed",
         members=MEMBERS.replace("pref1,pref2\n", "pref1,pref2,fixed_team,avoid_teams\n")
                        .replace("c1,Ivy Jones,council,no,0,yes,,", "c1,Ivy Jones,council,no,0,yes,,,t1,")
                        .replace("m1,Ann Archer,police,yes,1,no,t1,t2", "m1,Ann Archer,police,yes,1,no,t1,t2,t2,t2"))
    # files holding only empty fields: no header row (each reader once)
    case("bad/blank_members", members='""\n')
    case("bad/blank_topics", topics='" "\n')
    case("bad/blank_agencies", agencies=',"",\n')
    case("bad/blank_interactions", interactions='""')
    case("bad/blank_actions", actions='" ",""\r\n\r\n')
    # control characters: C0, DEL, C1 and U+FFFF anywhere; tabs and line breaks only in a
    # description
    case("bad/control_chars",
         members=MEMBERS.replace("Ann Archer", "Ann\x1b]0;owned\x07 Archer")
                        .replace("m2,Bilal Khan,council", "m2,Bilal\x08\x08Khan,coun\x7fcil")
                        .replace("Cara Doyle", "Cara\u009b2J Doyle")
                        .replace("Eve Fox", "\"Eve\nFox\"")
                        .replace("Gus Hale", "\"Gus\tHale\"")
                        .replace("Dan Evans", "Dan\uffff Evans"),
         topics=TOPICS.replace("t2,Awareness", "\"t2\r\n\",Awareness"),
         actions=("id,team,title,description,tags,target_group,start,end,stage\n"
                  "x1,t1,Leaflet,\"Car wash leaflets:\n\tprint\n\tdeliver\",leaflet,,,,action\n"
                  "x2,t1,\"Two\nlines\",\"Cards \"\"for\"\" car\x0cwashes\",cards,,,,action\n"),
         agencies=AGENCIES.replace("id,name,", "id,\"na\nme\",", 1))
    case("bad/settings_control",
         settings='{\n  "name": "East \\u001b[2JMidlands",\n  "\\u0007bell": 1\n}\n')
    # numbers and dates are strict
    case("bad/strict_numbers",
         members=MEMBERS.replace("m2,Bilal Khan,council,yes,2,", "m2,Bilal Khan,council,yes,+1,")
                        .replace("m3,Cara Doyle,ngo,yes,1,", "m3,Cara Doyle,ngo,yes,0x10,"),
         topics=TOPICS.replace("t1,Training,1,4", "t1,Training,1,4 people")
                      .replace("t2,Awareness,1,4", "t2,Awareness,1,~4"),
         interactions=("from,to,date,channel,weight\n"
                       "m1,m2,9999-12-31,email,0x10\n"
                       "m1,m3,1899-12-31,phone,+1\n"
                       "m2,m3,2026-09-01,phone,1e3\n"
                       "m2,m4,2026-09-01,phone,inf\n"
                       "m3,m4,2026-09-01,phone,2.5kg\n"),
         actions=("id,team,title,description,tags,target_group,start,end,stage\n"
                  "x1,t1,Leaflet,Leaflets,,,3000-01-01,,action\n"))
    hostile_names()
    case("warn/no_agencies_file", agencies=None)
    # valid files whose limits cannot all hold: mapa allocate explains instead of planning
    case("plan/no_spoc", members=MEMBERS.replace(",yes,", ",no,").replace("c1,Ivy Jones,council,no,0,no", "c1,Ivy Jones,council,no,0,yes"))


if __name__ == "__main__":
    main()
