/*
 * The shipped glossary: the terms and acronyms of the field (modern slavery
 * and human trafficking in the UK), each with the page or section that
 * defines it. Terms with equivalent phrases (an acronym and its expansion, a
 * body and its former name) count as one term in duplicate detection
 * (models/dup_lexicon.c); the others are listed for readers. The same table,
 * in words, is in docs/duplicates.md.
 */
#include <mapa/duplicates.h>

#define MSA "Modern Slavery Act 2015 (legislation.gov.uk, ukpga/2015/30)"
#define STAT_GUIDANCE                                                                              \
    "Modern Slavery: Statutory Guidance for England and Wales (under s49 of the Modern Slavery "   \
    "Act 2015) and Non-Statutory Guidance for Scotland and Northern Ireland (GOV.UK, Home Office)"

static const mapa_dup_term GLOSSARY[] = {
    {"NRM", "National Referral Mechanism",
     "the UK framework for identifying and referring "
     "potential victims of modern slavery and getting them support",
     STAT_GUIDANCE},
    {"MSA", "Modern Slavery Act|Modern Slavery Act 2015",
     "the Act of England and Wales on "
     "slavery, servitude, forced or compulsory labour and human trafficking",
     MSA},
    {"GLAA", "Gangmasters and Labour Abuse Authority|Gangmasters Licensing Authority",
     "licenses gangmasters and investigates labour exploitation; the Gangmasters Licensing "
     "Authority (GLA) until 2017",
     "Gangmasters (Licensing) Act 2004 and Immigration Act 2016, Part 1 (legislation.gov.uk); "
     "Gangmasters and Labour Abuse Authority (GOV.UK)"},
    {"GLA", "Gangmasters Licensing Authority", "the GLAA's name before 2017",
     "Immigration Act 2016, Part 1 (legislation.gov.uk)"},
    {"duty to notify", "",
     "specified public authorities must notify the Home Office of "
     "suspected adult victims in England and Wales who do not consent to an NRM referral",
     MSA ", section 52; " STAT_GUIDANCE},
    {"first responder", "first responder organisation|first responder organization|FRO",
     "an organisation authorised to refer a potential victim into the NRM", STAT_GUIDANCE},
    {"SCA", "Single Competent Authority", "the Home Office unit that makes NRM decisions",
     STAT_GUIDANCE},
    {"IECA", "Immigration Enforcement Competent Authority",
     "makes NRM decisions for some cases with immigration matters", STAT_GUIDANCE},
    {"reasonable grounds decision", "",
     "the NRM's first decision: is there reason to "
     "believe the person is a victim",
     STAT_GUIDANCE},
    {"conclusive grounds decision", "",
     "the NRM's final decision, on the balance of "
     "probabilities",
     STAT_GUIDANCE},
    {"county lines", "",
     "gangs moving illegal drugs between areas by dedicated phone lines, "
     "exploiting children and vulnerable adults to carry and store them",
     "Criminal exploitation of children and vulnerable adults: county lines (GOV.UK, Home "
     "Office guidance)"},
    {"CCE", "child criminal exploitation",
     "a child coerced, controlled or manipulated into "
     "criminal activity (county lines among its forms)",
     "Criminal exploitation of children and vulnerable adults: county lines (GOV.UK); "
     "Working Together to Safeguard Children (GOV.UK, DfE)"},
    {"CSE", "child sexual exploitation",
     "a form of child sexual abuse in exchange for "
     "something the child or the abuser receives",
     "Child sexual exploitation: definition and guide for practitioners (GOV.UK, DfE 2017)"},
    {"STRO", "slavery and trafficking risk order",
     "a court order restricting a person who "
     "risks committing a slavery or trafficking offence, without a conviction",
     MSA ", sections 23 to 29"},
    {"STPO", "slavery and trafficking prevention order",
     "a court order restricting a person "
     "convicted of (or dealt with for) a slavery or trafficking offence",
     MSA ", sections 14 to 22"},
    {"TISC",
     "transparency in supply chains|slavery and human trafficking statement|modern "
     "slavery statement|section 54 statement|s54 statement",
     "the duty of businesses with a turnover of 36 million pounds or more "
     "to publish a slavery and human trafficking statement each year",
     MSA ", section 54; Transparency in supply chains: a practical guide (GOV.UK, Home Office)"},
    {"IASC", "Independent Anti-Slavery Commissioner",
     "the office that encourages good "
     "practice in preventing and detecting slavery and trafficking",
     MSA ", sections 40 to 44"},
    {"ICTG",
     "independent child trafficking guardian|independent child trafficking advocate|"
     "ICTA",
     "an independent source of advice and advocacy for trafficked children",
     MSA ", section 48; Independent Child Trafficking Guardians: interim guidance (GOV.UK)"},
    {"section 45 defence", "statutory defence",
     "a defence for victims compelled to commit "
     "an offence because of their slavery or exploitation",
     MSA ", section 45"},
    {"MSVCC", "Modern Slavery Victim Care Contract|victim care contract|VCC",
     "the government-funded support for adult victims in England and Wales in the NRM",
     STAT_GUIDANCE},
    {"MARAC", "multi-agency risk assessment conference",
     "a local meeting on the highest-risk "
     "domestic abuse cases, where exploitation often comes up",
     "Domestic Abuse Act 2021: statutory guidance (GOV.UK, Home Office)"},
    {"MASH", "multi-agency safeguarding hub",
     "the local team where police, social care and "
     "health share safeguarding referrals",
     "Multi-agency working and information sharing project (GOV.UK, Home Office 2014)"},
    {"NCA", "National Crime Agency",
     "the UK agency against serious and organised crime, "
     "including modern slavery and human trafficking",
     "Crime and Courts Act 2013, Part 1 (legislation.gov.uk)"},
    {"MSHTU", "Modern Slavery and Human Trafficking Unit",
     "the NCA unit (formerly the UK "
     "Human Trafficking Centre) with the Single Competent Authority's case work until 2019",
     "National Crime Agency: modern slavery and human trafficking (nationalcrimeagency.gov.uk)"},
    {"HTE Act",
     "Human Trafficking and Exploitation (Criminal Justice and Support for Victims) "
     "Act (Northern Ireland) 2015",
     "Northern Ireland's act on slavery and trafficking "
     "(Scotland's is the Human Trafficking and Exploitation (Scotland) Act 2015)",
     "legislation.gov.uk, nia/2015/2 (Northern Ireland) and asp/2015/12 (Scotland)"},
    {"forced labour", "forced or compulsory labour",
     "work exacted under the menace of a "
     "penalty, not offered voluntarily",
     MSA ", section 1; ILO Forced Labour Convention 1930 "
         "(No. 29), article 2"},
    {"debt bondage", "bonded labour",
     "labour demanded as repayment of a debt the worker "
     "cannot clear",
     STAT_GUIDANCE},
    {"cuckooing", "",
     "taking over the home of a vulnerable person, often for county lines "
     "drug dealing",
     "Criminal exploitation of children and vulnerable adults: county lines "
     "(GOV.UK)"},
    {"HMRC", "HM Revenue and Customs|HM Revenue & Customs",
     "enforces the National Minimum "
     "Wage among its duties",
     "National Minimum Wage Act 1998 (legislation.gov.uk)"},
    {"EAS", "Employment Agency Standards Inspectorate|Employment Agency Standards",
     "inspects employment agencies and businesses",
     "Employment Agencies Act 1973 (legislation.gov.uk)"},
    {"DWP", "Department for Work and Pensions",
     "benefits; its staff can spot "
     "exploitation through benefit fraud",
     "Department for Work and Pensions (GOV.UK)"},
    {"LSCP", "local safeguarding children partnership|safeguarding children partnership",
     "the local arrangement of council, police and health for safeguarding children",
     "Children Act 2004, section 16E (legislation.gov.uk); Working Together to Safeguard "
     "Children (GOV.UK)"},
    {"SAB", "safeguarding adults board", "the local board for safeguarding adults at risk",
     "Care Act 2014, section 43 (legislation.gov.uk)"},
    {"UASC",
     "unaccompanied asylum-seeking children|unaccompanied asylum seeking children|"
     "unaccompanied asylum-seeking child|unaccompanied asylum seeking child",
     "children seeking asylum without a parent or carer, at high risk of trafficking",
     "Care of unaccompanied migrant children and child victims of modern slavery (GOV.UK, DfE "
     "statutory guidance)"},
    {"NGO", "non-governmental organisation|non-governmental organization|charity",
     "a voluntary organisation, such as a charity supporting victims",
     "Charities Act 2011 (legislation.gov.uk)"},
    {"GP", "general practitioner|family doctor", "the doctor of a general practice",
     "NHS England: GP services (england.nhs.uk)"},
    {"A&E", "accident and emergency|emergency department|ED",
     "the hospital emergency "
     "department",
     "NHS England: urgent and emergency care (england.nhs.uk)"},
    {"DSL", "designated safeguarding lead",
     "the senior member of a school's staff who leads on child protection",
     "Keeping Children Safe in Education (GOV.UK, DfE statutory guidance)"},
    {"LADO", "local authority designated officer",
     "the council officer who handles allegations against people who work with children",
     "Working Together to Safeguard Children (GOV.UK, DfE)"},
    {"PCSO", "police community support officer",
     "a uniformed police staff member with some of a constable's powers",
     "Police Reform Act 2002, Part 4 (legislation.gov.uk)"},
    {"BTP", "British Transport Police", "the police force of the railways",
     "Railways and Transport Safety Act 2003, Part 3 (legislation.gov.uk)"},
    {"ROCU", "regional organised crime unit",
     "the police forces' regional unit against serious and organised crime",
     "Serious and Organised Crime Strategy (GOV.UK, Home Office)"},
    {"PCC", "police and crime commissioner|OPCC|office of the police and crime commissioner",
     "elected to hold the police force to account; commissions victim services",
     "Police Reform and Social Responsibility Act 2011, Part 1 (legislation.gov.uk)"},
    {"CPS", "Crown Prosecution Service", "prosecutes criminal cases in England and Wales",
     "Prosecution of Offences Act 1985 (legislation.gov.uk)"},
    {"HGV", "heavy goods vehicle|LGV|large goods vehicle",
     "a lorry over 3.5 tonnes; its drivers are a common audience at ports and services",
     "Driving licence categories (GOV.UK, DVLA)"},
    {"HMO", "house in multiple occupation|houses in multiple occupation",
     "a home shared by people of more than one household, licensed by the council",
     "Housing Act 2004, Part 2 and section 254 (legislation.gov.uk)"},
    {"ESOL", "English for speakers of other languages",
     "English language classes for adults whose first language is not English",
     "Adult skills funding rules (GOV.UK, Education and Skills Funding Agency)"},
    {"ICB", "integrated care board", "the NHS body that plans and buys health services for an area",
     "Health and Care Act 2022, Part 1 (legislation.gov.uk)"},
    {"CQC", "Care Quality Commission", "regulates health and adult social care in England",
     "Health and Social Care Act 2008, Part 1 (legislation.gov.uk)"},
    {"UKVI", "UK Visas and Immigration", "the Home Office's visa and immigration service",
     "UK Visas and Immigration (GOV.UK)"},
    {"SIA", "Security Industry Authority", "licenses door supervisors and security staff",
     "Private Security Industry Act 2001 (legislation.gov.uk)"},
    {"CSP", "community safety partnership",
     "the council, police, fire, health and probation working together on local crime",
     "Crime and Disorder Act 1998, sections 5 and 6 (legislation.gov.uk)"},
    {"YOT", "youth offending team|youth justice service|YJS",
     "the council's multi-agency team working with children who offend",
     "Crime and Disorder Act 1998, section 39 (legislation.gov.uk)"},
    {"MAPPA", "multi-agency public protection arrangements",
     "how police, probation and prisons manage violent and sexual offenders",
     "Criminal Justice Act 2003, sections 325 to 327 (legislation.gov.uk)"},
    {"CAMHS", "child and adolescent mental health services",
     "the NHS mental health services for children and young people",
     "NHS England: children and young people's mental health services (england.nhs.uk)"},
    {"FRS", "fire and rescue service", "the fire service of an area",
     "Fire and Rescue Services Act 2004 (legislation.gov.uk)"},
    {"NMW", "national minimum wage|NLW|national living wage",
     "the legal minimum hourly pay, enforced by HMRC",
     "National Minimum Wage Act 1998 (legislation.gov.uk)"},
    {"looked after child",
     "looked-after child|looked after children|looked-after children|child looked after|"
     "children looked after|LAC|CLA",
     "a child in the care of the council", "Children Act 1989, section 22 (legislation.gov.uk)"},
    {"PSHE", "personal, social, health and economic education",
     "the school subject where exploitation and grooming are taught",
     "Personal, social, health and economic (PSHE) education (GOV.UK, DfE)"},
};

const mapa_dup_term *mapa_dup_glossary(size_t *n)
{
    *n = sizeof GLOSSARY / sizeof *GLOSSARY;
    return GLOSSARY;
}
