"""Word lists for the sample web: brand names, people, streets, places and host names.

Everything here is invented for the sample web; real-looking but not taken from any site.
"""

from __future__ import annotations

from typing import Final

from directory.normalize import US_STATES

# fmt: off

# Two-part brand stems ("Bright" + "Path" -> "Bright Path"); the joined form ("BrightPath") is a
# common directory variant.
BRAND_FIRST: Final = (
    "Bright", "Clear", "Calm", "Blue", "Green", "North", "True", "New", "Still", "Quiet",
    "Golden", "Silver", "Open", "Kind", "Ever", "High", "Deep", "Wild", "Gentle", "Noble",
    "Sun", "Moon", "Star", "Red", "White", "Cedar", "Pine", "Aspen", "Willow", "Maple",
    "Iron", "Crystal", "Stone", "Fair", "Summit", "Harbor", "River", "Lake", "Prairie",
    "Mesa", "Canyon", "Coastal", "Bay", "Lumen", "Luma", "Nova", "Vista", "Sage", "Juniper",
    "Oak", "Birch", "Elm", "Alder", "Copper", "Granite", "Amber", "Azure", "Cobalt", "Indigo",
    "Morning", "Evening", "First", "Inner", "Upper", "Little", "Grand", "Arbor", "Haven",
)
BRAND_SECOND: Final = (
    "Path", "Harbor", "Ridge", "Water", "Mind", "Leaf", "Stone", "River", "Light", "Horizon",
    "Haven", "Wave", "Bridge", "Field", "Peak", "Spring", "Grove", "Meadow", "Lake", "Sky",
    "Wind", "Brook", "Creek", "Hill", "Point", "Shore", "Trail", "Gate", "Rock", "Valley",
    "Crest", "Bloom", "Root", "Branch", "Pond", "Cove", "Bend", "Glen", "Hollow", "Dawn",
    "Tide", "Current", "Compass", "Lantern", "Beacon", "Anchor", "Sparrow", "Heron", "Falcon",
    "Fern", "Moss", "Mountain", "Canyon", "Mesa", "Forest", "Garden", "Island", "Springs",
)
# Single calm nouns for names like "Serenity Infusions" or "Hope & Healing Ketamine".
BRAND_WORD: Final = (
    "Serenity", "Tranquility", "Clarity", "Renewal", "Restore", "Resilience", "Awaken",
    "Kindred", "Solace", "Refuge", "Elevate", "Emerge", "Thrive", "Balance", "Harmony",
    "Insight", "Mindful", "Lotus", "Phoenix", "Ascend", "Reclaim", "Revive", "Rise",
    "Evolve", "Anchor", "Beacon", "Keystone", "Cornerstone", "Wellspring", "Oasis",
    "Equinox", "Solstice", "Meridian", "Zenith", "Aurora", "Radiance", "Illumina", "Kairos",
    "Vitality", "Pinnacle", "Epiphany", "Nirvana", "Satori", "Halcyon", "Sanctuary",
)
PAIRS: Final = (
    ("Hope", "Healing"), ("Mind", "Body"), ("Body", "Soul"), ("Peace", "Purpose"),
    ("Light", "Life"), ("Rest", "Renewal"), ("Calm", "Clarity"), ("Heart", "Mind"),
    ("Root", "Rise"), ("Grace", "Growth"), ("Sun", "Stone"), ("River", "Pine"),
    ("Oak", "Ivy"), ("Sage", "Cedar"), ("Field", "Forest"), ("Tide", "Timber"),
)
# Clinic type suffixes. The flag says the suffix implies IV infusions (only used when IV is offered).
CLINIC_TYPES: Final = (
    ("Ketamine Clinic", False),
    ("Ketamine Center", False),
    ("Ketamine Therapy", False),
    ("Ketamine Wellness", False),
    ("Ketamine & Wellness", False),
    ("Ketamine Institute", False),
    ("Ketamine Health", False),
    ("Infusion Center", True),
    ("Infusions", True),
    ("Infusion Therapy", True),
    ("Ketamine Infusions", True),
    ("Psychiatry", False),
    ("Integrative Psychiatry", False),
    ("Mental Health", False),
    ("Wellness Center", False),
    ("Mind Health", False),
    ("Behavioral Health", False),
    ("Psychiatric Associates", False),
)
LEGAL_SUFFIXES: Final = (", LLC", " LLC", ", PLLC", ", P.C.", " PLLC", ", Inc.", ", PA")

FIRST_NAMES_F: Final = (
    "Jane", "Emily", "Sarah", "Laura", "Megan", "Rachel", "Hannah", "Olivia", "Sofia", "Maya",
    "Priya", "Aisha", "Grace", "Claire", "Natalie", "Julia", "Elena", "Rosa", "Lena", "Nora",
    "Alicia", "Monica", "Tamara", "Keisha", "Danielle", "Vanessa", "Heather", "Kristin",
    "Allison", "Brooke", "Caroline", "Diana", "Erin", "Fiona", "Gabriela", "Ingrid", "Jasmine",
    "Kathleen", "Lucia", "Miriam", "Naomi", "Paula", "Renee", "Simone", "Teresa", "Valerie",
    "Wendy", "Yasmin", "Zoe", "Anjali", "Mei", "Leah", "Ruth", "Imani", "Carmen", "Beatriz",
)
FIRST_NAMES_M: Final = (
    "John", "Michael", "David", "James", "Robert", "Daniel", "Matthew", "Andrew", "Brian",
    "Kevin", "Jason", "Eric", "Mark", "Steven", "Paul", "Thomas", "Peter", "Samuel", "Nathan",
    "Aaron", "Adam", "Ben", "Carlos", "Diego", "Ethan", "Felix", "Gabriel", "Henry", "Isaac",
    "Jonah", "Kenji", "Luis", "Marcus", "Omar", "Rahul", "Raj", "Sean", "Tobias", "Victor",
    "Wesley", "Xavier", "Yusuf", "Zachary", "Caleb", "Derek", "Elliot", "Graham", "Hector",
    "Ian", "Jamal", "Kyle", "Malik", "Neil", "Owen", "Patrick", "Reid", "Scott", "Trevor",
)
LAST_NAMES: Final = (
    "Roe", "Alvarez", "Bennett", "Chen", "Davis", "Edwards", "Fischer", "Garcia", "Huang",
    "Iverson", "Jackson", "Kim", "Larsen", "Martinez", "Nguyen", "Okafor", "Patel", "Quinn",
    "Ramirez", "Singh", "Thompson", "Underwood", "Vasquez", "Walker", "Xu", "Young", "Zimmerman",
    "Abbott", "Brooks", "Castillo", "Dawson", "Ellison", "Foster", "Gallagher", "Hayes",
    "Ingram", "Jensen", "Kowalski", "Lindqvist", "Moreno", "Novak", "Oliveira", "Park",
    "Reyes", "Schultz", "Tanaka", "Ueda", "Vogel", "Whitman", "Yamamoto", "Adler", "Baxter",
    "Carver", "Delgado", "Eriksen", "Fontaine", "Greer", "Holloway", "Ibarra", "Jovanovic",
    "Keller", "Lopez", "Mendoza", "Nakamura", "O'Brien", "Petrov", "Rasmussen", "Sato",
    "Torres", "Ulrich", "Valdez", "Weiss", "Yilmaz", "Ahmed", "Bishop", "Coleman", "Dubois",
    "Espinoza", "Flores", "Goldberg", "Hartmann", "Iqbal", "Jacobs", "Khan", "Lambert",
    "Morrison", "Nash", "Ortiz", "Pearson", "Russo", "Stein", "Tran", "Vargas", "Wong",
    "McAllister", "Donnelly", "Kaplan", "Sorensen", "Chowdhury", "Brennan", "Mercer",
)

# Credentials. Physicians (physician_led), licensed mental-health clinicians
# (licensed_clinicians) and others that earn neither signal.
PHYSICIAN_CREDS: Final = ("MD", "MD", "MD", "DO")
MENTAL_HEALTH_CREDS: Final = ("LCSW", "LPC", "LMFT", "PMHNP", "PhD", "PsyD", "LCPC", "LMHC")
OTHER_CREDS: Final = ("CRNA", "RN", "FNP-C", "PA-C", "BSN", "NP-C")
LICENSED_OTHER_CREDS: Final = frozenset(("CRNA", "RN", "FNP-C", "PA-C", "NP-C"))
ROLE_BY_CRED: Final = {
    "MD": ("Medical Director", "Physician", "Founder and Medical Director", "Staff Physician"),
    "DO": ("Medical Director", "Physician", "Founder and Medical Director", "Staff Physician"),
    "LCSW": ("Therapist", "Integration Therapist", "Clinical Social Worker"),
    "LPC": ("Therapist", "Licensed Professional Counselor", "Integration Therapist"),
    "LMFT": ("Therapist", "Marriage and Family Therapist"),
    "PMHNP": ("Psychiatric Nurse Practitioner", "Nurse Practitioner"),
    "PhD": ("Psychologist", "Clinical Psychologist"),
    "PsyD": ("Psychologist", "Clinical Psychologist"),
    "LCPC": ("Therapist", "Counselor"),
    "LMHC": ("Therapist", "Mental Health Counselor"),
    "CRNA": ("Nurse Anesthetist", "Lead Nurse Anesthetist", "Co-Founder"),
    "RN": ("Infusion Nurse", "Registered Nurse", "Nurse Manager"),
    "FNP-C": ("Nurse Practitioner", "Family Nurse Practitioner"),
    "PA-C": ("Physician Assistant",),
    "BSN": ("Patient Care Coordinator", "Nurse"),
    "NP-C": ("Nurse Practitioner",),
}

STREET_NAMES: Final = (
    "Main", "Oak", "Maple", "Cedar", "Elm", "Pine", "Washington", "Lake", "Hill", "Park",
    "Walnut", "Spruce", "Chestnut", "Highland", "Lincoln", "Jefferson", "Madison", "Franklin",
    "Center", "Church", "Market", "Broad", "River", "Spring", "Ridge", "Sunset", "Meadow",
    "Forest", "Valley", "Willow", "Union", "Prospect", "Academy", "College", "Grant",
    "Jackson", "Adams", "Monroe", "Harrison", "Cherry", "Birch", "Aspen", "Summit", "Mill",
    "Bridge", "Water", "Front", "Commerce", "Professional", "Medical Center", "Wellness",
    "Corporate", "Executive", "Technology", "Orchard", "Magnolia", "Dogwood", "Sycamore",
    "Hawthorne", "Liberty", "Independence", "Heritage", "Canyon", "Mesa", "Pioneer",
)
STREET_SUFFIXES: Final = (
    "St", "St", "Ave", "Ave", "Blvd", "Rd", "Dr", "Dr", "Ln", "Way", "Pkwy", "Ct", "Pl", "Cir",
)
DIRECTIONALS: Final = ("N", "S", "E", "W", "NE", "NW", "SE", "SW")

# Major metros: most clinics cluster here (so "near ZIP" searches find several), the rest spread.
METROS: Final = (
    ("New York", "NY"), ("Los Angeles", "CA"), ("Chicago", "IL"), ("Houston", "TX"),
    ("Phoenix", "AZ"), ("Philadelphia", "PA"), ("San Antonio", "TX"), ("San Diego", "CA"),
    ("Dallas", "TX"), ("Austin", "TX"), ("Jacksonville", "FL"), ("Columbus", "OH"),
    ("Charlotte", "NC"), ("Indianapolis", "IN"), ("San Francisco", "CA"), ("Seattle", "WA"),
    ("Denver", "CO"), ("Washington", "DC"), ("Boston", "MA"), ("Nashville", "TN"),
    ("Portland", "OR"), ("Las Vegas", "NV"), ("Atlanta", "GA"), ("Miami", "FL"),
    ("Minneapolis", "MN"), ("Tampa", "FL"), ("Orlando", "FL"), ("Sacramento", "CA"),
    ("Salt Lake City", "UT"), ("Kansas City", "MO"), ("Saint Louis", "MO"), ("Pittsburgh", "PA"),
    ("Cincinnati", "OH"), ("Cleveland", "OH"), ("Raleigh", "NC"), ("Richmond", "VA"),
    ("Baltimore", "MD"), ("Milwaukee", "WI"), ("Albuquerque", "NM"), ("Tucson", "AZ"),
    ("Boise", "ID"), ("Omaha", "NE"), ("Louisville", "KY"), ("Memphis", "TN"),
    ("New Orleans", "LA"), ("Oklahoma City", "OK"), ("Birmingham", "AL"), ("Honolulu", "HI"),
    ("Anchorage", "AK"), ("Scottsdale", "AZ"), ("Boulder", "CO"), ("Colorado Springs", "CO"),
    ("San Jose", "CA"), ("Detroit", "MI"), ("Charleston", "SC"), ("Des Moines", "IA"),
    ("Hartford", "CT"), ("Providence", "RI"), ("Burlington", "VT"), ("Madison", "WI"),
    ("Spokane", "WA"), ("Reno", "NV"), ("Santa Fe", "NM"), ("Asheville", "NC"),
)
# Mainland states and DC (no Puerto Rico); DC reads as a place name in running text.
STATE_NAMES: Final = {k: v for k, v in US_STATES.items() if k != "PR"} | {
    "DC": "the District of Columbia"
}

INSURERS: Final = (
    "Aetna", "Cigna", "UnitedHealthcare", "Blue Cross Blue Shield", "Humana", "Anthem",
    "TRICARE", "Kaiser Permanente", "Optum", "Oscar", "Ambetter", "Magellan",
)
FINANCING_VENDORS: Final = ("CareCredit", "Cherry", "Advance Care", "Sunbit", "PatientFi")

# External hosts a crawler must not follow (they do not resolve on the sample web).
SOCIAL_HOSTS: Final = (
    ("facebook.test", "Facebook"),
    ("instagram.test", "Instagram"),
    ("linkedin.test", "LinkedIn"),
    ("youtube.test", "YouTube"),
    ("yelp.test", "Yelp"),
    ("twitter.test", "Twitter"),
)
BOOKING_HOSTS: Final = ("book.janeapp.test", "booking.simplepractice.test", "schedule.zocdoc.test")
# fmt: on
