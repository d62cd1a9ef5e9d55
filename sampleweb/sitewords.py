"""Words of a clinic site's structure: page paths, link texts, titles, list headings, roles."""

from __future__ import annotations

from typing import Final

# fmt: off
PATHS: Final[dict[str, tuple[str, ...]]] = {
    "team": ("/about/", "/about-us/", "/our-team", "/team/", "/meet-the-providers/", "/providers",
             "/about/team/", "/who-we-are/"),
    "services": ("/services/", "/treatments", "/ketamine-therapy/", "/what-we-offer/",
                 "/our-services", "/treatment-options/"),
    "pricing": ("/pricing/", "/fees", "/cost", "/fees-and-insurance/", "/pricing-insurance",
                "/investment/", "/payment-options/"),
    "faq": ("/faq/", "/faqs", "/frequently-asked-questions/", "/questions", "/patient-faq/"),
    "reviews": ("/reviews/", "/testimonials", "/patient-stories/", "/success-stories",
                "/what-patients-say/"),
    "contact": ("/contact/", "/contact-us", "/location/", "/visit-us/", "/book-consultation/",
                "/get-started"),
    "blog": ("/blog/", "/news/", "/resources/", "/articles/"),
    "privacy": ("/privacy-policy/", "/privacy", "/privacy-notice/"),
    "careers": ("/careers/", "/join-our-team", "/jobs/"),
}
LEGACY_PATHS: Final = {
    "team": "/about.html", "services": "/services.html", "pricing": "/fees.html",
    "faq": "/faq.html", "reviews": "/testimonials.html", "contact": "/contact.html",
    "blog": "/news.html", "privacy": "/privacy.html", "careers": "/careers.html",
}
LINK_TEXTS: Final[dict[str, tuple[str, ...]]] = {
    "home": ("Home", "Home", "Welcome"),
    "team": ("Our Team", "Meet the Providers", "About Us", "Who We Are", "Our Clinicians",
             "Meet the Team", "About"),
    "services": ("Services", "Treatments", "Ketamine Therapy", "What We Offer", "Our Services",
                 "Treatment Options"),
    "pricing": ("Pricing", "Fees & Insurance", "Cost", "Investment", "Pricing & Insurance",
                "Payment Options", "Fees"),
    "faq": ("FAQ", "FAQs", "Questions", "Frequently Asked Questions", "Patient FAQ"),
    "reviews": ("Reviews", "Testimonials", "Patient Stories", "Success Stories",
                "What Patients Say"),
    "contact": ("Contact", "Contact Us", "Location", "Visit Us", "Book a Consultation",
                "Get Started"),
    "blog": ("Blog", "News", "Resources", "Articles"),
    "privacy": ("Privacy Policy", "Privacy", "Privacy Notice"),
    "careers": ("Careers", "Join Our Team", "Jobs"),
}
TITLES: Final = {
    "team": ("Meet Our Team", "Our Providers", "About {name}", "Who We Are"),
    "services": ("Our Services", "Ketamine Treatment", "What We Offer", "Treatment Options"),
    "pricing": ("Pricing", "Fees & Insurance", "Cost of Treatment", "Payment Options"),
    "faq": ("Frequently Asked Questions", "FAQ", "Your Questions, Answered"),
    "reviews": ("Reviews", "Patient Stories", "Testimonials", "What Patients Say"),
    "contact": ("Contact Us", "Visit Our Clinic", "Get in Touch", "Schedule a Consultation"),
    "blog": ("Blog", "News & Updates", "Resources"),
    "privacy": ("Privacy Policy",),
    "careers": ("Careers", "Join Our Team"),
}
SPECIALTIES: Final = (
    ("anesthesiology", "anesthesiologist", "American Board of Anesthesiology"),
    ("psychiatry", "psychiatrist", "American Board of Psychiatry and Neurology"),
    ("emergency medicine", "emergency physician", "American Board of Emergency Medicine"),
)
THERAPIST_ROLES: Final = {
    "LCSW": "licensed clinical social worker",
    "LPC": "licensed professional counselor",
    "LMFT": "licensed marriage and family therapist",
    "PMHNP": "psychiatric-mental health nurse practitioner",
    "PhD": "licensed clinical psychologist",
    "PsyD": "licensed clinical psychologist",
    "LCPC": "licensed clinical professional counselor",
    "LMHC": "licensed mental health counselor",
}

LIST_TITLES: Final = {
    "home": ("Why patients choose us", "What sets us apart", "Our approach", "Why choose us"),
    "team": ("Our credentials", "About our team", "Experience you can trust"),
    "services": ("What to expect", "How it works", "Our program", "Included in your care"),
    "pricing": ("Payment information", "Good to know", "Insurance & payment"),
    "contact": ("Scheduling", "Appointments", "Good to know"),
    "faq": ("More answers",),
}
# fmt: on
