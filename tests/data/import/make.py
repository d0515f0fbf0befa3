#!/usr/bin/env python3
"""Writes the import fixtures (bytes matter: encodings, BOMs, line ends).

Deterministic: always writes the same files.  python3 make.py
Everything here is fictional.
"""
import csv, io, os, random

HERE = os.path.dirname(os.path.abspath(__file__))


def path(*p):
    f = os.path.join(HERE, *p)
    os.makedirs(os.path.dirname(f), exist_ok=True)
    return f


def write_bytes(rel, data):
    with open(path(*rel.split('/')), 'wb') as f:
        f.write(data)


def csv_text(rows, lineterm='\n', delimiter=',', quoting=csv.QUOTE_MINIMAL):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator=lineterm, delimiter=delimiter, quoting=quoting)
    for r in rows:
        w.writerow(r)
    return buf.getvalue()


# --------------------------------------------------------------------------
# Shared partnership data
# --------------------------------------------------------------------------
TOPICS = [  # id, name, min, max, min_agencies, max_per_agency, cf_required
    ('training', 'Training for frontline staff', 4, 10, 2, 3, 2),
    ('awareness', 'Awareness raising', 4, 10, 2, 3, 2),
    ('victim-care', 'Victim identification and safeguarding', 4, 10, 2, 3, 2),
    ('intelligence', 'Intelligence sharing', 4, 10, 2, 3, 2),
    ('labour', 'Labour exploitation', 4, 10, 2, 3, 2),
    ('sexual', 'Sexual exploitation', 4, 10, 2, 3, 2),
    ('county-lines', 'Child criminal exploitation and county lines', 4, 10, 2, 3, 2),
    ('business', 'Business and supply chains', 4, 10, 2, 3, 2),
]
TNAME = {t[0]: t[1] for t in TOPICS}

# The partnership's own organisation list (22).  Sector words: mapa's or obvious variants.
ORGS = [  # name, sector, type
    ('Nottinghamshire Police', 'Police', 'Statutory'),
    ('Lincolnshire Police', 'Police', 'Statutory'),
    ('Derbyshire Constabulary', 'Police', 'Statutory'),
    ('Leicestershire Police', 'Police', 'Statutory'),
    ('Gangmasters and Labour Abuse Authority', 'Government', 'Statutory'),
    ('Department for Work and Pensions', 'Government', 'Statutory'),
    ('HM Revenue and Customs', 'Government', 'Statutory'),          # no respondents
    ('Nottinghamshire County Council', 'Local Authority', 'Statutory'),
    ('Derby City Council', 'Local authority', 'Statutory'),
    ('Boston Borough Council', 'Local Authority', 'Statutory'),     # no respondents
    ('Nottinghamshire Fire and Rescue Service', 'Fire', 'Statutory'),
    ('Nottingham University Hospitals NHS Trust', 'Health', 'Statutory'),
    ('East Midlands Ambulance Service', 'Health', 'Statutory'),
    ('The Salvation Army', 'NGO', 'Voluntary'),
    ('Hope for Justice', 'NGO', 'Voluntary'),
    ("Barnardo's", 'NGO', 'Voluntary'),
    ('Open Doors Café Network', 'NGO', 'Voluntary'),
    ('Hope £1 Lunch Club', 'Faith', 'Voluntary'),
    ('Nottingham Faith Network Against Trafficking', 'Faith', 'Voluntary'),
    ('University of Nottingham Rights Lab', 'Academia', 'Non-statutory'),
    ('Midlands Growers Co-operative', 'Business', 'Non-statutory'),
    ('Riverside Hotels Group', 'Business', 'Non-statutory'),        # no respondents
]

# 56 people: (full name, email, organisation AS TYPED, role, spoc answer, org it must match, how)
P = [
    ('Aisha Patel', 'aisha.patel@notts.police.example', 'Nottinghamshire Police', 'Detective Sergeant', 'Yes', 0, 'exact'),
    ('Ben Pearson', 'ben.pearson@notts.police.example', 'Nottinghamshire Polcie', 'Detective Constable', 'No', 0, 'typo'),
    ('Carys Okafor', 'c.okafor@notts.police.example', 'Nottinghamshire Police', 'Detective Sergeant, Modern Slavery Unit', 'Maybe', 0, 'exact'),
    ('Dev Sharma', 'dev.sharma@notts.police.example', 'nottinghamshire police', 'Police Constable', 'No', 0, 'case'),
    ('Eleanor Holloway', 'eleanor.holloway@lincs.police.example', 'lincolnshire police ', 'Police Sergeant', 'Yes', 1, 'case+space'),
    ('Farid Nowak', 'farid.nowak@lincs.police.example', 'Lincolnshire Police', 'Police Constable', 'No', 1, 'exact'),
    ('Grace Dhillon', 'grace.dhillon@lincs.police.example', 'Lincolnshire  Police', 'Intelligence Analyst', 'No', 1, 'space'),
    ('Harpreet Birch', 'harpreet.birch@derbyshire.police.example', 'Derbyshire Constabulary', 'Detective Inspector', 'Yes', 2, 'exact'),
    ('Ian Ellis', 'ian.ellis@derbyshire.police.example', 'Derbyshire Constabulory', 'Police Constable', 'No', 2, 'typo'),
    ('Joanna Varga', 'joanna.varga@leics.police.example', 'Leicestershire Police', 'Detective Constable', 'Yes', 3, 'exact'),
    ('Kwame Dawson', 'kwame.dawson@leics.police.example', 'Leicestershire Police', 'Police Staff Investigator', 'No', 3, 'exact'),
    ('Lena Yates', 'lena.yates@glaa.example', 'GLAA', 'Labour Abuse Prevention Officer', 'Yes', 4, 'initials'),
    ('Marek Underwood', 'marek.underwood@glaa.example', 'Gangmasters and Labour Abuse Authority', 'Senior Investigating Officer', 'No', 4, 'exact'),
    ('Nadia Mensah', 'nadia.mensah@glaa.example', 'Gangmasters & Labour Abuse Authority', 'Intelligence Officer', 'Maybe', 4, 'punctuation (& for and)'),
    ('Owen Atkinson', 'owen.atkinson@dwp.example', 'DWP', 'Partnership Manager', 'No', 5, 'initials'),
    ('Priya Greaves', 'priya.greaves@dwp.example', 'Department for Work and Pensions', 'Work Coach', 'Yes', 5, 'exact'),
    ('Rory Foster', 'rory.foster@nottscc.example', 'NCC', 'Safeguarding Adults Manager', 'Yes', 7, 'initials'),
    ('Sana Ashworth', 'sana.ashworth@nottscc.example', 'Nottinghamshire County Council', 'Social Worker', 'No', 7, 'exact'),
    ('Tomasz Dhillon', 'tomasz.dhillon@nottscc.example', 'nottinghamshire county council', 'Trading Standards Officer', 'No', 7, 'case'),
    ('Una Kaur', 'una.kaur@nottscc.example', 'Nottinghamshire County Council', 'Safeguarding Lead\nAdult Social Care', 'Yes', 7, 'exact'),
    ('Vikram Okafor', 'vikram.okafor@derby.example', 'Derby City Council', 'Housing Officer', 'No', 8, 'exact'),
    ('Wendy Lister', 'wendy.lister@derby.example', 'Derby City Council', 'Community Safety Officer', 'Yes', 8, 'exact'),
    ('Xavier Mensah', 'xavier.mensah@derby.example', 'Derby city council', 'Licensing Officer', 'No', 8, 'case'),
    ('Yasmin Hussain', 'yasmin.hussain@nottsfire.example', 'Nottinghamshire Fire and Rescue Service', 'Fire Safety Inspector', 'No', 10, 'exact'),
    ('Zoe Bailey', 'zoe.bailey@nottsfire.example', 'Nottinghamshire Fire & Rescue Service', 'Station Manager', 'Yes', 10, 'punctuation (& for and)'),
    ('Adam Lister', 'adam.lister@nuh.nhs.example', 'Nottingham University Hospitals NHS Trust', 'Named Nurse for Safeguarding', 'No', 11, 'exact'),
    ('Bethany Doyle', 'bethany.doyle@nuh.nhs.example', 'Nottingham University Hospitals NHS Trust', 'Safeguarding Lead', 'Yes', 11, 'exact'),
    ('Chidi Birch', 'chidi.birch@nuh.nhs.example', 'Nottingham University Hospitals NHS Trust ', 'Emergency Department Nurse', 'No', 11, 'space'),
    ('Dorota Ashworth', 'dorota.ashworth@emas.nhs.example', 'EMAS', 'Paramedic', 'No', 12, 'initials'),
    ('Ethan Holloway', 'ethan.holloway@emas.nhs.example', 'East Midlands Ambulance Service', 'Safeguarding Practitioner', 'Yes', 12, 'exact'),
    ('Fatima Walsh', 'fatima.walsh@salvationarmy.example', 'The Salvation Army', 'Victim Care Caseworker', 'Yes', 13, 'exact'),
    ('Gareth Young', 'gareth.young@salvationarmy.example', 'The Salvation Army', 'Victim Care Caseworker', 'No', 13, 'exact'),
    ('Hannah Doyle', 'hannah.doyle@salvationarmy.example', 'the salvation army', 'Support Worker', 'Maybe', 13, 'case'),
    ('Imran Brennan', 'imran.brennan@hopeforjustice.example', 'Hope for Justice', 'Independent Modern Slavery Advocate', 'Yes', 14, 'exact'),
    ('Jess Jankowski', 'jess.jankowski@hopeforjustice.example', 'Hope For Justice', 'Independent Modern Slavery Advocate', 'No', 14, 'case'),
    ('Kieran Thornton', 'kieran.thornton@barnardos.example', "Barnardo's", 'Child Exploitation Worker', 'Yes', 15, 'exact'),
    ('Laura Lawson', 'laura.lawson@barnardos.example', 'Barnardos', 'Child Exploitation Worker', 'No', 15, 'punctuation (apostrophe)'),
    ('Mohammed Kowalczyk', 'mohammed.k@barnardos.example', 'Barnardo\u2019s', 'Service Manager', 'No', 15, 'punctuation (curly apostrophe)'),
    ('Niamh Jones', 'niamh.jones@opendoorscafe.example', 'Open Doors Café Network', 'Outreach Worker', 'Yes', 16, 'exact'),
    ('Oliver Sharpe', 'oliver.sharpe@opendoorscafe.example', 'Open Doors Cafe Network', 'Volunteer', 'No', 16, 'accent dropped (edit distance 1)'),
    ('Paula Kaur', 'paula.kaur@hopelunch.example', 'Hope £1 Lunch Club', 'Volunteer Co-ordinator', 'Yes', 17, 'exact'),
    ('Rashid Ellis', 'rashid.ellis@hopelunch.example', 'Hope £1 Lunch Club', 'Volunteer', 'No', 17, 'exact'),
    ('Sophie Quinn', 'sophie.quinn@nfnat.example', 'Nottingham Faith Network Against Trafficking', 'Chair', 'Yes', 18, 'exact'),
    ('Tariq Jones', 'tariq.jones@nfnat.example', 'Nottingham Faith Network Against Trafficking', 'Community Engagement Lead', 'No', 18, 'exact'),
    ('Rebecca Riley', 'rebecca.riley@nottingham.ac.example', 'University of Nottingham Rights Lab', 'Research Fellow', 'No', 19, 'exact'),
    ('Ahmed Sharpe', 'ahmed.sharpe@nottingham.ac.example', 'University of Nottingham Rights Lab', 'Senior Research Fellow', 'Maybe', 19, 'exact'),
    ('Claire Evans', 'claire.evans@midlandsgrowers.example', 'Midlands Growers Co-operative', 'HR Manager', 'Yes', 20, 'exact'),
    ('Daniel Gill', 'daniel.gill@midlandsgrowers.example', 'Midlands Growers Cooperative', 'Ethical Trade Manager', 'No', 20, 'punctuation (hyphen dropped)'),
    ('Chloé Martin', 'chloe.martin@nottscc.example', 'Nottinghamshire County Council', 'Social Worker', 'Yes', 7, 'exact'),
    ("Siobhan O'Brien", 'siobhan.obrien@derby.example', 'Derby City Council', 'Tenancy Sustainment Officer', 'Yes', 8, 'exact'),
    ('Frances Kowalczyk', 'frances.kowalczyk@crimestoppers.example', 'Crimestoppers', 'Regional Manager', 'No', None, 'unmatched: not in the list'),
    ('George Osei', 'George.Osei@Notts.Police.example', 'Nottinghamshire Police', 'Intelligence Analyst', 'No', 0, 'exact'),
    ('Helen Yates', 'helen.yates@glaa.example', 'GLAA', 'Labour Abuse Prevention Officer', 'No', 4, 'initials'),
    ('Iqbal Rahman', 'iqbal.rahman@lincs.police.example', 'Lincolnshire Police', 'Detective Constable', 'Yes', 1, 'exact'),
    ('Julia Ingram', 'julia.ingram@emas.nhs.example', 'East Midlands Ambulance Service', 'Paramedic', 'No', 12, 'exact'),
    ('Karl Cartwright', 'karl.cartwright@leics.police.example', 'Leicestershire Police', 'Police Constable', 'No', 3, 'exact'),
]
assert len(P) == 56 and len({p[1].lower() for p in P}) == 56

TIDS = [t[0] for t in TOPICS]
# A few cells written as people write them (all resolve case/space/punctuation-insensitively).
VARIANT = {
    'labour': ['labour exploitation', 'Labour Exploitation', 'Labour exploitation '],
    'awareness': ['awareness raising', 'Awareness Raising'],
    'county-lines': ['Child criminal exploitation & county lines', 'child criminal exploitation and county lines'],
    'business': ['Business and Supply Chains', 'business and supply chains'],
}


def gforms():
    rng = random.Random(16)
    rows = []
    # timestamps: 3 Nov to 12 Nov 2026 (GMT), chronological like Google Forms exports
    t = 0
    prefs = {}
    variants_used = []
    for i, p in enumerate(P):
        ch = rng.sample(TIDS, 3)
        if i in (5, 21, 44):       # three people left the third choice blank
            ch = ch[:2]
        prefs[p[1]] = ch
    stamps = []
    day, minute = 3, 9 * 60 + 14
    for i in range(57):
        stamps.append((day, minute, (i * 37) % 60))
        minute += rng.randint(20, 300)
        if minute >= 22 * 60:
            day += 1
            minute = 8 * 60 + rng.randint(0, 90)

    def fmt(s):
        d, m, sec = s
        h, mi = divmod(m, 60)
        ap = 'am' if h < 12 else 'pm'
        h12 = h % 12 or 12
        return '2026/11/%02d %d:%02d:%02d %s GMT' % (d, h12, mi, sec, ap)

    def name_of(tid, k):
        if tid in VARIANT and k % 4 == 0:
            v = VARIANT[tid][(k // 4) % len(VARIANT[tid])]
            variants_used.append((tid, v))
            return v
        return TNAME[tid]

    # person index 30 (Fatima Walsh) answers twice: first at row 31, again later (row 50)
    order = list(range(56))
    dup = 30
    order.insert(49, dup)  # second submission is the 50th data row
    first_choice = ['sexual', 'victim-care', 'awareness']
    second_choice = prefs[P[dup][1]]
    if second_choice == first_choice:
        second_choice = ['labour', 'training', 'business']
    seen = set()
    k = 0
    out = []
    for n, pi in enumerate(order):
        p = P[pi]
        if pi == dup:
            ch = first_choice if pi not in seen else second_choice
            seen.add(pi)
        else:
            ch = prefs[p[1]]
        cells = [name_of(c, k + j) for j, c in enumerate(ch)]
        k += 3
        cells += [''] * (3 - len(cells))
        spoc = p[4]
        if pi == dup and n == order.index(dup):
            spoc = 'No'
        out.append([fmt(stamps[n]), p[1], p[0], p[2], p[3]] + cells + [spoc])
    prefs[P[dup][1]] = second_choice
    return out, prefs, order, dup, variants_used, stamps, fmt


def main():
    # ---------------- google-forms ----------------
    hdr = ['Timestamp', 'Email address', 'Full name', 'Organisation', 'Role',
           'First choice of topic', 'Second choice of topic', 'Third choice of topic',
           "Are you willing to be the team's single point of contact (SPOC)?"]
    rows, prefs, order, dup, variants, stamps, fmt = gforms()
    text = csv_text([hdr] + rows, lineterm='\r\n')
    text += ',,,,,,,,\r\n' * 3
    write_bytes('google-forms/responses.csv', text.encode('utf-8'))
    orgs_text = csv_text([['Organisation name', 'Sector', 'Type']] + [list(o) for o in ORGS], lineterm='\r\n')
    write_bytes('google-forms/organisations.csv', orgs_text.encode('cp1252'))
    topics_rows = [['id', 'name', 'min_size', 'max_size', 'min_agencies', 'max_per_agency', 'cf_required']]
    topics_rows += [[str(x) for x in t] for t in TOPICS]
    write_bytes('google-forms/topics.csv', csv_text(topics_rows).encode('utf-8'))
    # facts for EXPECTED.md
    facts = []
    first_row = order.index(dup) + 2
    second_row = len(order) - order[::-1].index(dup) + 1
    facts.append('double submission: %s <%s> at file lines %d and %d (timestamps "%s" and "%s"); the second (later) one wins: %s'
                 % (P[dup][0], P[dup][1], first_row, second_row, rows[first_row - 2][0], rows[second_row - 2][0],
                    ', '.join(prefs[P[dup][1]])))
    counts = [0] * len(ORGS)
    for p in P:
        if p[5] is not None:
            counts[p[5]] += 1
    with open(path('google-forms', 'facts.txt'), 'w') as f:
        f.write('\n'.join(facts) + '\n\n')
        f.write('members by organisation (after matching):\n')
        for o, c in zip(ORGS, counts):
            f.write('  %2d  %s\n' % (c, o[0]))
        f.write('   1  Crimestoppers (not in organisations.csv)\n\n')
        f.write('organisation matches that are not exact:\n')
        for p in P:
            if p[6] != 'exact':
                f.write('  %r -> %s  [%s]\n' % (p[2], ORGS[p[5]][0] if p[5] is not None else '(none)', p[6]))
        f.write('\nfinal preferences (email: pref1,pref2,pref3):\n')
        for p in P:
            f.write('  %s: %s\n' % (p[1], ','.join(prefs[p[1]])))
        f.write('\ntopic cells written differently from topics.csv names:\n')
        for tid, v in variants:
            f.write('  %r -> %s\n' % (v, tid))
        spoc = {}
        for p in P:
            a = p[4]
            spoc[a] = spoc.get(a, 0) + 1
        f.write('\nSPOC answers of the 56 people (after the double submission is merged): %r\n' % spoc)

    # ---------------- microsoft-forms ----------------
    rng = random.Random(1916)
    mhdr = ['ID', 'Start time', 'Completion time', 'Email', 'Name', 'Last modified time', 'Your organisation',
            'Which topic would you most like to work on?', 'Second preference', 'Third preference',
            'Willing to act as SPOC']
    mrows = []
    people = P[:28]
    anon_at = {9: ('The Salvation Army', 'awareness'), 22: ('Hope for Justice', 'victim-care')}
    pi = 0
    h, m = 9, 14
    day = 3
    spoc_forms = ['Yes', 'No', 'yes', 'no', 'Y', 'N', 'Yes', 'No']
    for i in range(30):
        start = '11/%d/26 %d:%02d:%02d' % (day, h, m, (i * 13) % 60)
        m2 = m + rng.randint(1, 6)
        h2 = h + m2 // 60
        comp = '11/%d/26 %d:%02d:%02d' % (day, h2, m2 % 60, (i * 29) % 60)
        ch = rng.sample(TIDS, 3)
        if i in anon_at:
            org, first = anon_at[i]
            ch = [first] + [c for c in ch if c != first][:2]
            mrows.append([str(i + 1), start, comp, 'anonymous', '', '', org,
                          TNAME[ch[0]], TNAME[ch[1]], TNAME[ch[2]], 'No'])
        else:
            p = people[pi]; pi += 1
            mrows.append([str(i + 1), start, comp, p[1], p[0], '', p[2].strip(),
                          TNAME[ch[0]], TNAME[ch[1]], TNAME[ch[2]], spoc_forms[i % len(spoc_forms)]])
        m += rng.randint(9, 140)
        h += m // 60; m %= 60
        if h >= 17:
            day += 1; h = 9; m = rng.randint(0, 50)
    # the two anonymous rows give identical organisation-free answers? No: different orgs and choices.
    mtext = csv_text([mhdr] + mrows, lineterm='\r\n')
    write_bytes('microsoft-forms/responses.csv', b'\xef\xbb\xbf' + mtext.encode('utf-8'))
    write_bytes('microsoft-forms/topics.csv', csv_text(topics_rows).encode('utf-8'))
    write_bytes('microsoft-forms/organisations.csv', orgs_text.encode('cp1252'))

    # ---------------- utf16 ----------------
    urows = []
    upeople = [('Chloé Martin', 'chloe.martin@nottscc.example', 'Nottinghamshire County Council', 'Social Worker', 'Yes'),
               ("Siobhan O'Brien", 'siobhan.obrien@derby.example', 'Derby City Council', 'Tenancy Officer', 'No'),
               ('Zoë Nowak', 'zoe.nowak@hopelunch.example', 'Hope £1 Lunch Club', 'Volunteer', 'Yes'),
               ('Łukasz Wiśniewski', 'lukasz.w@midlandsgrowers.example', 'Midlands Growers Co-operative', 'Farm Supervisor', 'No'),
               ('Nguyễn Thị Lan', 'lan.nguyen@opendoorscafe.example', 'Open Doors Café Network', 'Interpreter', 'Yes'),
               ('Aisha Patel', 'aisha.patel@notts.police.example', 'Nottinghamshire Police', 'Detective Sergeant, MSU', 'Yes'),
               ('Ben Pearson', 'ben.pearson@notts.police.example', 'Nottinghamshire Polcie', 'Detective Constable', 'No'),
               ('Lena Yates', 'lena.yates@glaa.example', 'GLAA', 'Labour Abuse Prevention Officer', 'Yes'),
               ('Ahmed Sharpe', 'ahmed.sharpe@nottingham.ac.example', 'University of Nottingham Rights Lab', 'Research "Fellow"', 'No'),
               ('Fatima Walsh', 'fatima.walsh@salvationarmy.example', 'The Salvation Army', 'Caseworker', 'Yes')]
    rng = random.Random(1616)
    for i, p in enumerate(upeople):
        ch = rng.sample(TIDS, 3)
        urows.append(['2026/11/%02d %d:%02d:%02d %s GMT' % (4 + i // 4, 1 + (i * 5) % 12, (i * 7) % 60, (i * 11) % 60,
                                                        'am' if i % 2 == 0 else 'pm'),
                      p[1], p[0], p[2], p[3], TNAME[ch[0]], TNAME[ch[1]], TNAME[ch[2]], p[4]])
    utext = csv_text([hdr] + urows, lineterm='\r\n', delimiter='\t')
    write_bytes('utf16/responses.txt', b'\xff\xfe' + utext.encode('utf-16-le'))
    write_bytes('utf16/responses.csv', b'\xff\xfe' + utext.encode('utf-16-le'))
    write_bytes('utf16/topics.csv', csv_text(topics_rows).encode('utf-8'))

    # ---------------- downloaded-names ----------------
    dtopics = [['id', 'name', 'min_size', 'max_size', 'min_agencies', 'max_per_agency', 'cf_required'],
               ['labour', 'Labour exploitation', '3', '5', '2', '2', '1'],
               ['victim-care', 'Victim identification and safeguarding', '3', '5', '2', '2', '1'],
               ['county-lines', 'Child criminal exploitation and county lines', '3', '5', '2', '2', '1']]
    write_bytes('downloaded-names/topics (1).csv', csv_text(dtopics).encode('utf-8'))
    dag = [['id', 'name', 'sector', 'statutory', 'aliases'],
           ['notts-police', 'Nottinghamshire Police', 'police', 'yes', 'Notts Police;NottsPol'],
           ['glaa', 'Gangmasters and Labour Abuse Authority', 'government', 'yes', 'GLAA;Gangmasters Authority'],
           ['notts-cc', 'Nottinghamshire County Council', 'local_authority', 'yes', 'NCC;Notts County Council;Notts CC'],
           ['salvation-army', 'The Salvation Army', 'ngo', 'no', 'Sally Army;Salvation Army'],
           ['barnardos', "Barnardo's", 'ngo', 'no', ''],
           ['nuh', 'Nottingham University Hospitals NHS Trust', 'health', 'yes', 'NUH;QMC']]
    write_bytes('downloaded-names/agencies.csv', csv_text(dag).encode('utf-8'))
    dm = [['id', 'name', 'agency', 'role', 'spoc_willing', 'cf_capacity', 'coordinator', 'pref1', 'pref2', 'pref3',
           'fixed_team', 'avoid_teams', 'previous_team'],
          ['m01', 'Aisha Patel', 'notts-police', 'Detective Sergeant', 'yes', '1', 'no', 'labour exploitation', 'County lines', '', '', '', ''],
          ['m02', 'Ben Pearson', 'Nottinghamshire Police', 'Detective Constable', 'no', '1', 'no', 'Labour  Exploitation.', 'victim-care', '', '', '', 'Labour exploitation'],
          ['m03', 'Carys Okafor', 'Notts Police', 'Intelligence Analyst', 'no', '1', 'no', 'LABOUR-EXPLOITATION', 'child criminal exploitation & county lines', 'Victim Identification and Safeguarding', '', '', ''],
          ['m04', 'Dev Sharma', 'GLAA', 'Labour Abuse Prevention Officer', 'yes', '2', 'no', 'Labour_exploitation', 'victim identification and safeguarding', '', '', '', ''],
          ['m05', 'Eleanor Holloway', 'glaa', 'Investigator', 'no', '1', 'no', 'labour', 'VICTIM-CARE', 'county-lines', '', '', 'labour'],
          ['m06', 'Farid Nowak', 'Gangmasters and Labour Abuse Authority', 'Intelligence Officer', 'no', '1', 'no', ' labour exploitation ', '', '', '', '', ''],
          ['m07', 'Grace Dhillon', 'NCC', 'Safeguarding Adults Manager', 'yes', '1', 'no', 'Victim identification and safeguarding', 'labour exploitation', '', '', 'Child Criminal Exploitation and County Lines', ''],
          ['m08', 'Harpreet Birch', 'nottinghamshire county council', 'Social Worker', 'no', '1', 'no', 'victim identification & safeguarding', 'County-Lines', '', '', '', ''],
          ['m09', 'Ian Ellis', 'Sally Army', 'Victim Care Caseworker', 'yes', '1', 'no', 'Victim Identification And Safeguarding.', 'Labour Exploitation', '', '', '', ''],
          ['m10', 'Joanna Varga', "barnardos", 'Child Exploitation Worker', 'yes', '1', 'no', 'child criminal exploitation and county lines', 'victim identification and safeguarding', '', 'Child criminal exploitation and county lines', '', ''],
          ['m11', 'Kwame Dawson', 'QMC', 'Named Nurse for Safeguarding', 'no', '1', 'no', 'Child Criminal Exploitation and County Lines', 'Victim identification and safeguarding', '', '', '', ''],
          ['m12', 'Lena Yates', 'Notts County Council', 'Partnership Co-ordinator', 'no', '0', 'yes', '', '', '', '', '', '']]
    write_bytes('downloaded-names/Members.csv', csv_text(dm).encode('utf-8'))
    write_bytes('downloaded-names/settings.json', b'{\n  "name": "Downloaded names (fictional)",\n  "seed": 16\n}\n')

    # ---------------- hostile ----------------
    long_name = ('Bartholomew ' * 500)[:5000]
    assert len(long_name) == 5000
    ht = [['id', 'name', 'min_size', 'max_size'],
          ['t1', '=Training for frontline staff', '2', '6'],
          ['t2', '+Awareness raising', '2', '6'],
          ['t3', '@Intelligence sharing', '2', '6']]
    write_bytes('hostile/partnership/topics.csv', csv_text(ht).encode('utf-8'))
    ha = [['id', 'name', 'sector'],
          ['=cmd|\'/C calc\'!A0', '=cmd|\'/C calc\'!A0', 'other'],
          ['police', '-Police & Partners', 'police'],
          ['ngo', '<b>Hope &amp; Help</b>', 'ngo'],
          ['council', '@Council "Safeguarding"', 'local_authority']]
    write_bytes('hostile/partnership/agencies.csv', csv_text(ha).encode('utf-8'))
    hm = [['id', 'name', 'agency', 'spoc_willing', 'pref1', 'pref2', 'pref3'],
          ['m01', '=1+1', 'police', 'yes', 't1', 't2', 't3'],
          ['m02', '+44 7700 900123', 'police', 'yes', 't2', 't3', 't1'],
          ['m03', '-Mary Smith', 'ngo', 'yes', 't3', 't1', 't2'],
          ['m04', '@Jo Bloggs', 'ngo', 'no', 't1', 't3', 't2'],
          ['m05', '=HYPERLINK("http://x","y")', 'council', 'no', 't2', 't1', 't3'],
          ['m06', '<script>alert(1)</script>', 'council', 'no', 't3', 't2', 't1'],
          ['m07', 'Tom &amp; Jerry', '=cmd|\'/C calc\'!A0', 'no', 't1', 't2', 't3'],
          ['m08', 'Ann "Annie" Archer', 'police', 'no', 't2', 't3', 't1'],
          ['m09', long_name, 'ngo', 'no', 't3', 't1', 't2'],
          ['m10', "'Quoted Already", 'council', 'no', 't1', 't3', 't2'],
          ['=m11', '=SUM(A1:A9)', 'police', 'no', 't2', 't1', 't3'],
          ['@m12', '-2+3', 'ngo', 'no', 't3', 't2', 't1']]
    write_bytes('hostile/partnership/members.csv', csv_text(hm).encode('utf-8'))
    # tab / CR at the start of a name: separate file (formats.md: trimmed / an error)
    tc = 'id,name,agency,pref1\r\nm01,"\tTabbed Name",police,t1\r\nm02,"\rCarriage Return",police,t2\r\nm03,Plain Name,ngo,t3\r\n'
    write_bytes('hostile/tab-cr/members.csv', tc.encode('utf-8'))
    write_bytes('hostile/tab-cr/topics.csv', csv_text(ht).encode('utf-8'))
    write_bytes('hostile/empty/members.csv', b'')
    write_bytes('hostile/just-quotes/members.csv', b'""\n')
    write_bytes('hostile/header-only/members.csv', b'id,name,agency,pref1,pref2\r\n')
    write_bytes('hostile/duplicate-columns/members.csv',
                b'id,name,agency,pref1,Name\nm01,Aisha Patel,police,t1,A. Patel\nm02,Ben Pearson,ngo,t2,B. Pearson\n')
    write_bytes('hostile/duplicate-columns/responses.csv',
                b'Timestamp,Email address,Full name,Organisation,Full name,First choice of topic\n'
                b'2026/11/03 9:14:22 am GMT,a@x.example,Aisha Patel,GLAA,A Patel,Labour exploitation\n')
    write_bytes('hostile/extra-fields/members.csv',
                b'id,name,agency,pref1\nm01,Aisha Patel,police,t1\nm02,Patel, Aisha,police,t2\nm03,Ben Pearson,ngo,t3\n')
    for d in ('empty', 'just-quotes', 'header-only', 'duplicate-columns', 'extra-fields'):
        write_bytes('hostile/%s/topics.csv' % d, csv_text(ht).encode('utf-8'))
    bad = ('id,name,agency,pref1\n'
           'm01,Chloé Martin,police,t1\n'
           'm02,Zoë Nowak,ngo,t2\n'
           'm03,Łukasz Wiśniewski,police,t3\n'
           'm04,Ren\x00e Dubois,ngo,t1\n'
           'm05,Siobhán Ní Bhriain,police,t2\n'
           'm06,Ben Pearson,ngo,t3\n'
           'm07,Nguyễn Thị Lan,police,t1\n').encode('utf-8').replace(b'\x00', b'\xff')
    assert bad.count(b'\xff') == 1
    write_bytes('hostile/bad-utf8/members.csv', bad)
    write_bytes('hostile/bad-utf8/topics.csv', csv_text(ht).encode('utf-8'))

    # ---------------- windows-1252-only ----------------
    wl = [['Organisation name', 'Sector', 'Type', 'Annual grant']]
    wa = [['id', 'name', 'sector', 'statutory']]
    for i, (n, s, t) in enumerate(ORGS):
        grant = '£%d,%03d' % (5 + i * 3, (i * 250) % 1000)
        wl.append([n, s, t, grant])
    # £ on exactly 22 data lines: every grant has one; the Hope £1 line has two.
    write_bytes('windows-1252-only/organisations.csv', csv_text(wl, lineterm='\r\n').encode('cp1252'))
    wm = [['id', 'name', 'agency', 'spoc_willing', 'pref1']]
    ids = []
    for i, (n, s, t) in enumerate(ORGS):
        aid = 'org%02d' % (i + 1)
        ids.append(aid)
        sec = {'Police': 'police', 'Government': 'government', 'Local Authority': 'local_authority',
               'Local authority': 'local_authority', 'Fire': 'fire', 'Health': 'health', 'NGO': 'ngo',
               'Faith': 'faith', 'Academia': 'academia', 'Business': 'business'}[s]
        wa.append([aid, '%s (grant £%dk)' % (n, 5 + i * 3), sec, 'yes' if t == 'Statutory' else 'no'])
    write_bytes('windows-1252-only/partnership/agencies.csv', csv_text(wa, lineterm='\r\n').encode('cp1252'))
    for i in range(22):
        wm.append(['m%02d' % (i + 1), P[i][0], ids[i], 'yes' if i < 3 else 'no', ['t1', 't2', 't3'][i % 3]])
    write_bytes('windows-1252-only/partnership/members.csv', csv_text(wm).encode('utf-8'))
    write_bytes('windows-1252-only/partnership/topics.csv',
                b'id,name,min_size,max_size\nt1,Training for frontline staff,2,10\nt2,Awareness raising,2,10\nt3,Labour exploitation,2,10\n')


if __name__ == '__main__':
    main()
