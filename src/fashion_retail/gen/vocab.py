"""The retailer's vocabulary: categories, sizes, colours, jobs, places.

The words that make up the clean truth, and their attributes, live here as
data; the curves and rates that shape it (seasonality, tenures, salary bands,
basket sizes) live in ``curves``. The generator code stays free of magic
values. Synonyms and typos used by the defect injector live here too, next to
the canonical value they corrupt.
"""

from __future__ import annotations

# category -> base list price (USD), return rate, size system, season affinity
# (positive: autumn/winter, negative: spring/summer), share of the catalogue,
# nouns and materials used in product names.
CATEGORIES: dict[str, dict] = {
    "Dresses": dict(price=68, returns=0.24, sizes="alpha", season=-0.5, share=0.10,
                    nouns=["Midi Dress", "Wrap Dress", "Maxi Dress", "Shirt Dress"],
                    materials=["Viscose", "Cotton", "Linen", "Silk"]),
    "Tops": dict(price=32, returns=0.12, sizes="alpha", season=-0.2, share=0.13,
                 nouns=["Blouse", "Shirt", "Tank Top", "Camisole"],
                 materials=["Cotton", "Viscose", "Linen", "Polyester"]),
    "T-Shirts": dict(price=22, returns=0.08, sizes="alpha", season=-0.3, share=0.10,
                     nouns=["Crew Tee", "V-Neck Tee", "Graphic Tee", "Pocket Tee"],
                     materials=["Cotton", "Organic Cotton", "Jersey"]),
    "Knitwear": dict(price=58, returns=0.10, sizes="alpha", season=0.8, share=0.08,
                     nouns=["Sweater", "Cardigan", "Turtleneck", "Knit Vest"],
                     materials=["Wool", "Cashmere", "Cotton", "Merino"]),
    "Jeans": dict(price=72, returns=0.19, sizes="waist", season=0.1, share=0.09,
                  nouns=["Slim Jeans", "Straight Jeans", "Wide-Leg Jeans",
                         "Bootcut Jeans"],
                  materials=["Denim", "Stretch Denim"]),
    "Trousers": dict(price=58, returns=0.15, sizes="alpha", season=0.1, share=0.08,
                     nouns=["Chinos", "Tailored Trousers", "Cargo Pants", "Joggers"],
                     materials=["Cotton", "Twill", "Wool", "Linen"]),
    "Skirts": dict(price=46, returns=0.14, sizes="alpha", season=-0.3, share=0.05,
                   nouns=["Midi Skirt", "Pleated Skirt", "Denim Skirt", "Mini Skirt"],
                   materials=["Cotton", "Denim", "Viscose", "Wool"]),
    "Outerwear": dict(price=145, returns=0.12, sizes="alpha", season=1.5, share=0.08,
                      nouns=["Parka", "Trench Coat", "Puffer Jacket", "Blazer"],
                      materials=["Wool", "Polyester", "Cotton", "Leather"]),
    "Shoes": dict(price=95, returns=0.21, sizes="shoe", season=0.0, share=0.10,
                  nouns=["Sneakers", "Loafers", "Ankle Boots", "Sandals"],
                  materials=["Leather", "Suede", "Canvas", "Synthetic"]),
    "Swimwear": dict(price=42, returns=0.09, sizes="alpha", season=-1.6, share=0.04,
                     nouns=["Swimsuit", "Bikini", "Swim Shorts"],
                     materials=["Nylon", "Polyester"]),
    "Activewear": dict(price=48, returns=0.10, sizes="alpha", season=0.0, share=0.07,
                       nouns=["Leggings", "Sports Bra", "Track Jacket", "Running Top"],
                       materials=["Polyester", "Nylon", "Elastane"]),
    "Accessories": dict(price=26, returns=0.05, sizes="one", season=0.3, share=0.05,
                        nouns=["Scarf", "Belt", "Beanie", "Sunglasses"],
                        materials=["Wool", "Leather", "Cotton", "Acetate"]),
    "Bags": dict(price=88, returns=0.06, sizes="one", season=0.0, share=0.03,
                 nouns=["Tote Bag", "Crossbody Bag", "Backpack", "Clutch"],
                 materials=["Leather", "Canvas", "Nylon"]),
}

# size system -> sizes and the share of each size in an assortment and in sales.
SIZE_SYSTEMS: dict[str, dict[str, float]] = {
    "alpha": {"XS": 0.08, "S": 0.22, "M": 0.32, "L": 0.24, "XL": 0.10, "XXL": 0.04},
    "waist": {"26": 0.05, "28": 0.14, "30": 0.22, "32": 0.25, "34": 0.18,
              "36": 0.11, "38": 0.05},
    "shoe": {"36": 0.06, "37": 0.11, "38": 0.15, "39": 0.16, "40": 0.15,
             "41": 0.13, "42": 0.11, "43": 0.08, "44": 0.05},
    "one": {"One Size": 1.0},
}

COLOURS: dict[str, float] = {
    "Black": 0.20, "White": 0.12, "Navy": 0.10, "Grey": 0.09, "Beige": 0.08,
    "Blue": 0.08, "Brown": 0.06, "Green": 0.06, "Red": 0.05, "Pink": 0.05,
    "Burgundy": 0.04, "Yellow": 0.03, "Olive": 0.04,
}

ADJECTIVES = [
    "Classic", "Relaxed", "Essential", "Tailored", "Oversized", "Cropped", "Slim",
    "Soft", "Everyday", "Vintage", "Luxe", "Urban", "Coastal", "Heritage", "Studio",
]

# brand tier -> probability, price multiplier, gross margin range, commission range
BRAND_TIERS: dict[str, dict] = {
    "Value": dict(p=0.35, mult=0.65, margin=(0.42, 0.52), commission=(0.08, 0.14)),
    "Mid": dict(p=0.40, mult=1.0, margin=(0.50, 0.60), commission=(0.12, 0.20)),
    "Premium": dict(p=0.20, mult=1.7, margin=(0.58, 0.68), commission=(0.18, 0.26)),
    "Luxury": dict(p=0.05, mult=3.2, margin=(0.65, 0.75), commission=(0.22, 0.30)),
}

# Seller sourcing countries: name, Faker locale for company and contact, dialling
# code and length of the national number, share of sellers.
SELLER_COUNTRIES = [
    ("United States", "en_US", "1", 10, 0.30),
    ("Italy", "it_IT", "39", 10, 0.14),
    ("France", "fr_FR", "33", 9, 0.10),
    ("Portugal", "pt_PT", "351", 9, 0.07),
    ("Spain", "es_ES", "34", 9, 0.08),
    ("United Kingdom", "en_GB", "44", 10, 0.08),
    ("Germany", "de_DE", "49", 10, 0.06),
    ("India", "en_IN", "91", 10, 0.09),
    ("Turkey", "tr_TR", "90", 10, 0.08),
]

# Customer and employee name locales (all live in the United States).
PERSON_LOCALES: dict[str, float] = {
    "en_US": 0.62, "es_MX": 0.14, "en_GB": 0.04, "fr_FR": 0.03, "de_DE": 0.04,
    "it_IT": 0.04, "pt_BR": 0.03, "en_IN": 0.06,
}

EMAIL_DOMAINS: dict[str, float] = {
    "gmail.com": 0.38, "yahoo.com": 0.11, "outlook.com": 0.09, "hotmail.com": 0.08,
    "icloud.com": 0.09, "aol.com": 0.03, "comcast.net": 0.03, "protonmail.com": 0.02,
    "msn.com": 0.02, "live.com": 0.03, "me.com": 0.02,
}
# the rest of the mass goes to work domains drawn from Faker
WORK_EMAIL_SHARE = 0.10

# Store markets: state, region, weight of stores and customers.
MARKETS = [
    ("New York", "NY", "Northeast", 0.16), ("New Jersey", "NJ", "Northeast", 0.06),
    ("Massachusetts", "MA", "Northeast", 0.06), ("Pennsylvania", "PA", "Northeast", 0.05),
    ("California", "CA", "West", 0.18), ("Washington", "WA", "West", 0.05),
    ("Oregon", "OR", "West", 0.03), ("Texas", "TX", "South", 0.12),
    ("Florida", "FL", "South", 0.10), ("Georgia", "GA", "South", 0.05),
    ("Illinois", "IL", "Midwest", 0.08), ("Colorado", "CO", "West", 0.06),
]
# share of customers living outside the store markets
OUT_OF_MARKET_SHARE = 0.15

GENDERS: dict[str, float] = {"Female": 0.58, "Male": 0.39, "Non-binary": 0.03}
# the store staff's genders (fashion retail employs more women than it sells to)
STAFF_GENDERS: dict[str, float] = {"Female": 0.62, "Male": 0.36, "Non-binary": 0.02}
LOYALTY_TIERS: dict[str, float] = {
    "Bronze": 0.58, "Silver": 0.27, "Gold": 0.11, "Platinum": 0.04,
}
PAYMENT_METHODS_STORE: dict[str, float] = {
    "Credit Card": 0.55, "Debit Card": 0.25, "Cash": 0.12, "Gift Card": 0.03,
    "Mobile Wallet": 0.05,
}
PAYMENT_METHODS_ONLINE: dict[str, float] = {
    "Credit Card": 0.58, "Debit Card": 0.14, "PayPal": 0.18, "Gift Card": 0.03,
    "Mobile Wallet": 0.07,
}

# job title -> department and count per store (salary bands and tenures: curves)
STORE_JOBS: dict[str, dict] = {
    "Store Manager": dict(dept="Store Operations", per_store=1),
    "Assistant Manager": dict(dept="Store Operations", per_store=1),
    "Senior Sales Associate": dict(dept="Sales", per_store=2),
    "Sales Associate": dict(dept="Sales", per_store=5),
    "Stock Associate": dict(dept="Logistics", per_store=2),
    "Visual Merchandiser": dict(dept="Merchandising", per_store=1),
}
ONLINE_JOBS: dict[str, dict] = {
    "E-commerce Manager": dict(dept="E-commerce", count=1),
    "E-commerce Specialist": dict(dept="E-commerce", count=3),
    "Customer Service Agent": dict(dept="Customer Service", count=6),
    "Warehouse Associate": dict(dept="Logistics", count=5),
}
REGIONAL_JOB = dict(title="Regional Manager", dept="Regional Operations")
HEAD_JOB = dict(title="Head of Retail", dept="Executive")
# jobs whose holders are credited with in-store sales
SELLING_JOBS = ("Store Manager", "Assistant Manager", "Senior Sales Associate",
                "Sales Associate")
PROMOTIONS = {"Sales Associate": "Senior Sales Associate",
              "Senior Sales Associate": "Assistant Manager"}

# --- defect vocabulary -----------------------------------------------------
MISSING_SPELLINGS: dict[str | None, float] = {
    None: 0.40, "": 0.20, "N/A": 0.15, "null": 0.15, "-": 0.10,
}
SYNONYMS: dict[str, list[str]] = {
    # categories
    "Dresses": ["Dress", "dresses", "DRESS"], "Tops": ["Top", "tops", "Blouses"],
    "T-Shirts": ["T-Shirt", "Tees", "tshirts", "T Shirts"],
    "Knitwear": ["Knits", "Sweaters", "knit wear"], "Jeans": ["Denim", "jean"],
    "Trousers": ["Pants", "trouser"], "Skirts": ["Skirt", "skirts"],
    "Outerwear": ["Coats", "Jackets", "Coats & Jackets"],
    "Shoes": ["Footwear", "Shoe", "shoes"], "Swimwear": ["Swim", "Swimsuits"],
    "Activewear": ["Sportswear", "Athleisure"],
    "Accessories": ["Accessory", "accs"], "Bags": ["Bag", "Handbags"],
    # sizes
    "XS": ["Extra Small", "xsmall", "X-Small"], "S": ["Small", "sm", "s"],
    "M": ["Medium", "med", "m"], "L": ["Large", "lg", "l"],
    "XL": ["Extra Large", "X-Large", "xlarge"], "XXL": ["2XL", "XX-Large", "xxlarge"],
    "One Size": ["OS", "one-size", "O/S", "Onesize"],
    # colours
    "Grey": ["Gray", "grey"], "Navy": ["Navy Blue", "navy"], "Beige": ["Tan", "Camel"],
    "Burgundy": ["Maroon", "Wine"], "Black": ["Blk", "black"],
    "White": ["Wht", "Off White"], "Olive": ["Khaki Green", "olive"],
    "Blue": ["blue", "Royal Blue"], "Brown": ["Chocolate", "brown"],
    "Green": ["green", "Forest Green"], "Red": ["red", "Scarlet"],
    "Pink": ["Rose", "pink"], "Yellow": ["Mustard", "yellow"],
    # other categoricals
    "Female": ["F", "female", "Woman", "W"], "Male": ["M", "male", "Man"],
    "Non-binary": ["NB", "nonbinary", "X"],
    "Bronze": ["bronze", "BRONZE", "Tier 1"], "Silver": ["silver", "Tier 2"],
    "Gold": ["gold", "GOLD", "Tier 3"], "Platinum": ["platinum", "Plat", "Tier 4"],
    "true": ["Y", "yes", "1", "TRUE", "True"], "false": ["N", "no", "0", "FALSE"],
    "store": ["Store", "in-store", "retail"], "online": ["Online", "web", "e-commerce"],
    "Credit Card": ["credit", "CC", "Visa"], "Debit Card": ["debit", "Debit"],
    "Cash": ["cash", "CASH"], "Gift Card": ["giftcard", "Gift Voucher"],
    "Mobile Wallet": ["Apple Pay", "wallet"], "PayPal": ["Paypal", "PP"],
    "Sales Associate": ["Sales Assoc.", "sales associate", "SA"],
    "Senior Sales Associate": ["Sr. Sales Associate", "Senior SA"],
    "Store Manager": ["Store Mgr", "store manager"],
    "Assistant Manager": ["Asst. Manager", "Asst Mgr"],
    "Stock Associate": ["Stock Clerk", "stock associate"],
    "Visual Merchandiser": ["VM", "Visual Merch."],
}
COUNTRY_SPELLINGS: dict[str, list[str]] = {
    "United States": ["USA", "US", "U.S.", "U.S.A.", "united states",
                      "United States of America", "America"],
    "Italy": ["IT", "Italia", "ITALY"], "France": ["FR", "france", "République française"],
    "Portugal": ["PT", "portugal"], "Spain": ["ES", "España", "spain"],
    "United Kingdom": ["UK", "U.K.", "Great Britain", "GB", "England"],
    "Germany": ["DE", "Deutschland", "germany"], "India": ["IN", "Bharat", "india"],
    "Turkey": ["TR", "Türkiye", "turkey"],
}
STATE_ABBREVIATIONS_AP = {
    "NY": "N.Y.", "NJ": "N.J.", "MA": "Mass.", "PA": "Penn.", "CA": "Calif.",
    "WA": "Wash.", "OR": "Ore.", "TX": "Tex.", "FL": "Fla.", "GA": "Ga.",
    "IL": "Ill.", "CO": "Colo.",
}

STATE_NAMES = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas",
    "CA": "California", "CO": "Colorado", "CT": "Connecticut", "DE": "Delaware",
    "DC": "District of Columbia", "FL": "Florida", "GA": "Georgia", "HI": "Hawaii",
    "ID": "Idaho", "IL": "Illinois", "IN": "Indiana", "IA": "Iowa", "KS": "Kansas",
    "KY": "Kentucky", "LA": "Louisiana", "ME": "Maine", "MD": "Maryland",
    "MA": "Massachusetts", "MI": "Michigan", "MN": "Minnesota", "MS": "Mississippi",
    "MO": "Missouri", "MT": "Montana", "NE": "Nebraska", "NV": "Nevada",
    "NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico", "NY": "New York",
    "NC": "North Carolina", "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma",
    "OR": "Oregon", "PA": "Pennsylvania", "RI": "Rhode Island", "SC": "South Carolina",
    "SD": "South Dakota", "TN": "Tennessee", "TX": "Texas", "UT": "Utah",
    "VT": "Vermont", "VA": "Virginia", "WA": "Washington", "WV": "West Virginia",
    "WI": "Wisconsin", "WY": "Wyoming",
}
