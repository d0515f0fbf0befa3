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
    {"first responder", "first responder organisation|first responder organization",
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
     "slavery statement",
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
    {"A&E", "accident and emergency|emergency department",
     "the hospital emergency "
     "department",
     "NHS England: urgent and emergency care (england.nhs.uk)"},
};

const mapa_dup_term *mapa_dup_glossary(size_t *n)
{
    *n = sizeof GLOSSARY / sizeof *GLOSSARY;
    return GLOSSARY;
}
