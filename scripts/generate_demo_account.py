#!/usr/bin/env python3
"""Generates assets/demo-account.json, the simulator's embedded demo data, deterministically.

Run from the repository root:  python3 scripts/generate_demo_account.py
The output is committed; re-running the script must reproduce it byte for byte (fixed seed, no clock).
The file format is documented at the top of src/sim/demo.rs.

Contents: a Pro-plan account (token `demo-token`) with a Brazilian and US sales pipeline of 220+
contacts, a Free-plan account (`free-token`) and an Express-plan account (`express-token`), both without
API access. The Pro account holds the reference's two example contacts exactly (ABC12345 John Doe and
XYZ67890 John Smith), contacts sharing an email or phone, sparse contacts, contacts with very long note
histories (1,000+ notes, one with ~5,000), one contact carrying hostile terminal text and one in CJK with
emoji.
"""

import json
import random
import unicodedata
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

SEED = 20240115
rng = random.Random(SEED)

ACCOUNT_TZ_OFFSET = timedelta(hours=-3)  # America/Sao_Paulo has had no DST since 2019

STAGES = ["New Lead", "Contacted", "Qualified", "Proposal", "Negotiation", "Won", "Lost"]
QUALITIES = ["High", "Medium", "Low"]
TEAM = [
    {"email": "sales@yourcompany.com", "name": "Jane Smith"},
    {"email": "carlos.mendes@yourcompany.com", "name": "Carlos Mendes"},
    {"email": "ana.ribeiro@yourcompany.com", "name": "Ana Ribeiro"},
    {"email": "mike.johnson@yourcompany.com", "name": "Mike Johnson"},
    {"email": "priya.patel@yourcompany.com", "name": "Priya Patel"},
]
TAGS = [
    "Hot Lead", "Website", "Q1 2024", "Premium Interest", "VIP Customer", "Referral", "Trade Show",
    "Inbound", "Outbound", "Enterprise", "SMB", "Renewal", "Churn Risk", "Newsletter", "Webinar",
    "Indicação", "Feira", "Parceiro", "Orçamento Enviado", "Decisor",
]

BR_FIRST = [
    "João", "Maria", "José", "Ana", "Antônio", "Francisco", "Conceição", "Luíza", "Sebastião", "Inês",
    "Márcio", "Flávia", "Lúcia", "Ângela", "Cecília", "Otávio", "Gonçalo", "Raimunda", "Thaís", "Vinícius",
    "Letícia", "Caio", "Beatriz", "Rafael", "Júlia", "Lucas", "Gabriela", "Matheus", "Fernanda", "André",
    "Patrícia", "Rodrigo", "Camila", "Everaldo", "Iara", "Tainá", "Jéssica", "Cláudio", "Débora", "Fábio",
]
BR_LAST = [
    "Silva", "Santos", "Oliveira", "Souza", "Rodrigues", "Ferreira", "Alves", "Pereira", "Lima", "Gomes",
    "Araújo", "Gonçalves", "Ribeiro", "Carvalho", "Almeida", "Conceição", "Magalhães", "Brandão", "Simões",
    "Assunção", "Guimarães", "Falcão", "Peixoto", "Nóbrega", "Patrício", "Damião", "da Costa", "dos Reis",
    "de Albuquerque Cavalcanti", "Monteiro de Barros",
]
US_FIRST = [
    "Emily", "Michael", "Sarah", "David", "Jessica", "Christopher", "Ashley", "Matthew", "Amanda", "Joshua",
    "Megan", "Andrew", "Lauren", "Daniel", "Rachel", "Tyler", "Brittany", "Kevin", "Olivia", "Brandon",
]
US_LAST = [
    "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Martinez", "Anderson", "Taylor",
    "Thomas", "Moore", "Jackson", "Martin", "Lee", "Thompson", "White", "Harris", "Clark", "O'Connor",
]
PT_FIRST = ["Tiago", "Inês", "Duarte", "Leonor", "Rui", "Mafalda"]
PT_LAST = ["Carvalho", "Sousa", "Marques", "Figueiredo", "Lourenço", "Vasconcelos"]

BR_CITIES = [
    ("São Paulo", "SP", "America/Sao_Paulo", "11", "01310"),
    ("Rio de Janeiro", "RJ", "America/Sao_Paulo", "21", "22041"),
    ("Belo Horizonte", "MG", "America/Sao_Paulo", "31", "30130"),
    ("Curitiba", "PR", "America/Sao_Paulo", "41", "80010"),
    ("Porto Alegre", "RS", "America/Sao_Paulo", "51", "90010"),
    ("Florianópolis", "SC", "America/Sao_Paulo", "48", "88010"),
    ("Recife", "PE", "America/Recife", "81", "50030"),
    ("Salvador", "BA", "America/Bahia", "71", "40020"),
    ("Fortaleza", "CE", "America/Fortaleza", "85", "60060"),
    ("Manaus", "AM", "America/Manaus", "92", "69005"),
    ("Belém", "PA", "America/Belem", "91", "66010"),
    ("Brasília", "DF", "America/Sao_Paulo", "61", "70040"),
    ("Goiânia", "GO", "America/Sao_Paulo", "62", "74003"),
    ("Ribeirão Preto", "SP", "America/Sao_Paulo", "16", "14010"),
]
US_CITIES = [
    ("New York", "NY", "America/New_York", "10001"),
    ("Boston", "MA", "America/New_York", "02108"),
    ("Miami", "FL", "America/New_York", "33101"),
    ("Chicago", "IL", "America/Chicago", "60601"),
    ("Austin", "TX", "America/Chicago", "73301"),
    ("Denver", "CO", "America/Denver", "80202"),
    ("Los Angeles", "CA", "America/Los_Angeles", "90012"),
    ("Seattle", "WA", "America/Los_Angeles", "98101"),
    ("San Francisco", "CA", "America/Los_Angeles", "94103"),
]
PT_CITIES = [("Lisboa", "Lisboa", "Europe/Lisbon", "1100-148"), ("Porto", "Porto", "Europe/Lisbon", "4000-322")]

BR_STREETS = ["Rua Augusta", "Av. Paulista", "Rua da Consolação", "Av. Brigadeiro Faria Lima", "Rua XV de Novembro",
              "Av. Afonso Pena", "Rua das Laranjeiras", "Av. Beira-Mar", "Rua Padre Chagas", "Travessa São João"]
US_STREETS = ["Main St", "Broadway", "Market St", "Elm Street", "Michigan Ave", "Sunset Blvd", "5th Avenue",
              "Congress Ave", "Pike St", "Ocean Drive"]

BR_BUSINESS = [
    "{last} & Filhos Comércio de Materiais de Construção Ltda.",
    "Padaria e Confeitaria Estrela do {city}",
    "{last} Consultoria Empresarial e Gestão de Pessoas Ltda. ME",
    "Distribuidora de Alimentos {last} S.A.",
    "Clínica Odontológica Sorriso {city}",
    "Transportadora Rápida {last} Logística Integrada EIRELI",
    "Escola de Idiomas Conceição",
    "Agropecuária Vale do São Francisco Ltda.",
    "Auto Peças {last}",
    "Farmácia Popular do Bairro",
    "Construtora e Incorporadora Horizonte Azul de {city} Ltda.",
    "Açaí da Praça",
]
US_BUSINESS = [
    "Acme Corp", "{last} Holdings LLC", "Northwind Logistics and Supply Chain Consulting Group, LLC",
    "Blue Ridge Dental Partners", "{last} & Sons Hardware", "Pinnacle Software Solutions Inc.",
    "Great Lakes Industrial Equipment Rental and Leasing Company", "Sunrise Bakery", "Evergreen Realty Group",
    "{city} Fitness Collective",
]
PT_BUSINESS = ["Conservas {last}, Lda.", "Vinhos do Douro {last} & Associados", "Atelier de Azulejos Lisboa"]

SNAPSHOTS = [
    "Interested in the enterprise plan; budget approved for Q3.",
    "Quer migrar de planilhas para o CRM até o fim do mês.",
    "Small team, price-sensitive, asked for a monthly plan.",
    "Decisor é o sócio; agendar reunião presencial.",
    "Evaluating us against two competitors.",
    "Cliente antigo, renovação anual em março.",
    "Came from the webinar; wants WhatsApp integration.",
    "Pediu desconto para pagamento anual à vista.",
    "Needs SSO and audit logs before signing.",
    "Indicado por parceiro; alta chance de fechamento.",
]
NOTE_TEMPLATES = [
    "Called, no answer. Left voicemail.",
    "Ligação feita, cliente pediu para retornar na {weekday_pt}.",
    "Sent the proposal with {pct}% discount for annual billing.",
    "Enviei a proposta atualizada por e-mail ({value} reais).",
    "Demo done with {n} people from their team; good questions about reports.",
    "Reunião remarcada: o decisor está de férias até dia {day}.",
    "They asked for references from customers in the same industry.",
    "Cliente reclamou do preço, mas gostou da integração com WhatsApp.",
    "Follow-up email sent. Waiting for the CFO's approval.",
    "Contrato enviado para assinatura digital.",
    "Talked to lead and he said to call back in {n} days.",
    "Visitei a loja; {n} funcionários usariam o sistema.",
    "Budget frozen until next quarter.",
    "Pediu nota fiscal com CNPJ da matriz.",
    "Sent onboarding checklist and training video links.",
    "Ligou perguntando sobre o plano Business — muito interessado!",
    "Asked to be removed from the newsletter but keep the deal open.",
    "Negociação: aceitam {pct}% de desconto se fecharmos até sexta.",
    "Called as requested and sent the prices.",
    "Anotação rápida: preferem contato por WhatsApp depois das 18h.",
]
WEEKDAYS_PT = ["segunda", "terça", "quarta", "quinta", "sexta"]

LATEST = datetime(2026, 10, 31, 18, 0, tzinfo=timezone.utc)  # every generated time is before this


def iso(moment):
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def note_text():
    template = rng.choice(NOTE_TEMPLATES)
    return template.format(
        weekday_pt=rng.choice(WEEKDAYS_PT), pct=rng.choice([5, 8, 10, 12, 15, 20]),
        value=f"{rng.randint(2, 90) * 500:,}".replace(",", "."), n=rng.randint(2, 12),
        day=rng.randint(1, 28))


def note_history(count, start, days=None):
    """`count` notes written after `start` (over `days`, or a random stretch of weeks to years, never
    past LATEST), oldest first, as [utcMinute, text]."""
    span_days = days if days is not None else rng.randint(20, 900)
    end = min(LATEST, start + timedelta(days=span_days))
    span_minutes = max(1, int((end - start).total_seconds() // 60))
    moments = []
    for _ in range(count):
        day = start + timedelta(minutes=rng.randint(1, span_minutes))
        # Office hours on the account's clock (08:00-18:59 in São Paulo is 11:00-21:59 UTC).
        moments.append(day.replace(hour=rng.randint(11, 21), minute=rng.randint(0, 59), second=0))
    moments = sorted(min(max(moment, start.replace(second=0)), LATEST) for moment in moments)
    return [[iso(moment), note_text()] for moment in moments]


used_uids = {"ABC12345", "XYZ67890"}
used_emails = set()  # generated emails are unique; only the deliberate duplicates are shared


def unique_email(first, last, domain):
    while True:
        email = f"{slug(first)}.{slug(last)}{rng.randint(1, 99)}@{domain}"
        if email not in used_emails:
            used_emails.add(email)
            return email


def new_uid():
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
    while True:
        uid = "".join(rng.choice(alphabet) for _ in range(8))
        if uid not in used_uids:
            used_uids.add(uid)
            return uid


def slug(text):
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(c for c in plain.lower() if c.isalnum())


def br_phone(area):
    number = f"9{rng.randint(1000, 9999)}{rng.randint(1000, 9999)}"
    style = rng.randrange(5)
    if style == 0:
        return f"+55 {area} {number[:5]}-{number[5:]}"
    if style == 1:
        return f"+55{area}{number}"
    if style == 2:
        return f"+55 ({area}) {number[:5]}-{number[5:]}"
    if style == 3:
        return f"+55.{area}.{number[:5]}.{number[5:]}"
    return f"+55 {area} {number[:5]} {number[5:]}"


def us_phone():
    line = f"{rng.randint(100, 999)}{rng.randint(1000, 9999)}"
    style = rng.randrange(4)
    if style == 0:
        return f"+1 555-{line[:3]}-{line[3:]}"
    if style == 1:
        return f"+1 (555) {line[:3]}-{line[3:]}"
    if style == 2:
        return f"+1555{line}"
    return f"+1.555.{line[:3]}.{line[3:]}"


def birthday():
    if rng.random() < 0.35:
        return None
    start = date(1955, 1, 1)
    return (start + timedelta(days=rng.randint(0, 365 * 48))).isoformat()


def contact(region):
    created = datetime(2022, 1, 1, tzinfo=timezone.utc) + timedelta(minutes=rng.randint(0, 60 * 24 * 1000))
    if region == "br":
        first, last = rng.choice(BR_FIRST), rng.choice(BR_LAST)
        city, state, tz, area, zip5 = rng.choice(BR_CITIES)
        phone = br_phone(area)
        address = f"{rng.choice(BR_STREETS)}, {rng.randint(10, 3000)}"
        zipcode = f"{zip5}-{rng.randint(0, 999):03d}"
        business = rng.choice(BR_BUSINESS).format(last=last, city=city)
        domain = rng.choice(["gmail.com", "uol.com.br", "hotmail.com", slug(business)[:18] + ".com.br"])
    elif region == "us":
        first, last = rng.choice(US_FIRST), rng.choice(US_LAST)
        city, state, tz, zipcode = rng.choice(US_CITIES)
        phone = us_phone()
        address = f"{rng.randint(10, 9999)} {rng.choice(US_STREETS)}"
        business = rng.choice(US_BUSINESS).format(last=last, city=city)
        domain = rng.choice(["gmail.com", "outlook.com", slug(business)[:16] + ".com"])
    else:
        first, last = rng.choice(PT_FIRST), rng.choice(PT_LAST)
        city, state, tz, zipcode = rng.choice(PT_CITIES)
        phone = f"+351 9{rng.randint(10, 99)} {rng.randint(100, 999)} {rng.randint(100, 999)}"
        address = f"Rua {rng.choice(['do Ouro', 'Garrett', 'de Santa Catarina', 'Augusta'])}, {rng.randint(1, 200)}"
        business = rng.choice(PT_BUSINESS).format(last=last)
        domain = "sapo.pt"
    note_count = rng.choice([0, 0, 1, 1, 2, 3, 4, 6, 9, 15])
    notes = note_history(note_count, created)
    last_update = max([created] + [datetime.strptime(n[0], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)
                                   for n in notes[-1:]])
    return {
        "uid": new_uid(),
        "email": unique_email(first, last, domain) if rng.random() < 0.9 else None,
        "phone": phone,
        "firstName": first,
        "lastName": last,
        "businessName": business if rng.random() < 0.85 else None,
        "birthday": birthday(),
        "address": address if rng.random() < 0.7 else None,
        "city": city,
        "state": state,
        "zipcode": zipcode if rng.random() < 0.7 else None,
        "timeZone": tz,
        "value": str(rng.choice([500, 1200, 2500, 4800, 5000, 7500, 12000, 18000, 25000, 40000, 95000]))
        if rng.random() < 0.8 else None,
        "stageName": rng.choice(STAGES),
        "qualityName": rng.choice(QUALITIES) if rng.random() < 0.85 else None,
        "ownerEmail": rng.choice(TEAM)["email"] if rng.random() < 0.9 else None,
        "snapshot": rng.choice(SNAPSHOTS) if rng.random() < 0.6 else None,
        "notes": notes,
        "tags": sorted(set(rng.sample(TAGS, rng.randint(0, 4))), key=TAGS.index),
        "created": iso(created),
        "lastUpdate": iso(last_update),
    }


def local_note(local, text):
    """A note written at `local` (the account's wall clock, America/Sao_Paulo)."""
    return [iso((local - ACCOUNT_TZ_OFFSET).replace(tzinfo=timezone.utc)), text]


def reference_contacts():
    john_doe = {
        "uid": "ABC12345", "email": "john@example.com", "phone": "+15551234567", "firstName": "John",
        "lastName": "Doe", "businessName": "Acme Corp", "birthday": None, "address": "123 Main St",
        "city": "New York", "state": "NY", "zipcode": "10001", "timeZone": "America/New_York",
        "value": "5000", "stageName": "New Lead", "qualityName": "High", "ownerEmail": "sales@yourcompany.com",
        "snapshot": "Interested in enterprise solution",
        "notes": [
            local_note(datetime(2025, 8, 12, 9, 35), "Talked to lead and he said to call back in 2 days."),
            local_note(datetime(2025, 8, 14, 10, 46), "Called as requested and sent the prices."),
        ],
        "tags": ["Hot Lead", "Website"], "created": "2024-01-15T10:30:00Z", "lastUpdate": "2024-01-15T14:20:00Z",
    }
    john_smith = {
        "uid": "XYZ67890", "email": "john@example.com", "phone": "+15559876543", "firstName": "John",
        "lastName": "Smith", "businessName": "Smith Family Bakery", "birthday": "1984-03-09",
        "address": None, "city": "Chicago", "state": "IL", "zipcode": "60601", "timeZone": "America/Chicago",
        "value": "1200", "stageName": "Contacted", "qualityName": "Medium",
        "ownerEmail": "mike.johnson@yourcompany.com", "snapshot": None,
        "notes": [local_note(datetime(2025, 9, 2, 15, 10), "Shares the john@example.com mailbox with John Doe.")],
        "tags": ["Referral"], "created": "2024-02-03T13:05:00Z", "lastUpdate": "2025-09-02T18:10:00Z",
    }
    return [john_doe, john_smith]


def special_contacts():
    """Shared emails/phones, sparse contacts, long histories, hostile text, CJK + emoji."""
    specials = []

    def make(region, **overrides):
        c = contact(region)
        c.update(overrides)
        if c["notes"]:
            c["lastUpdate"] = max(c["lastUpdate"], c["notes"][-1][0])
        specials.append(c)
        return c

    # Two people at the same bakery share its e-mail; two at one office share a landline, formatted apart.
    make("br", firstName="Conceição", lastName="Aparecida Nogueira", email="contato@padariaestrela.com.br",
         businessName="Padaria e Confeitaria Estrela do Brás Ltda.")
    make("br", firstName="Sebastião", lastName="Nogueira", email="Contato@PadariaEstrela.com.br",
         businessName="Padaria e Confeitaria Estrela do Brás Ltda.")
    make("br", firstName="Márcio", lastName="Gonçalves", phone="+55 11 3456-7890", city="São Paulo", state="SP")
    make("br", firstName="Flávia", lastName="Gonçalves", phone="+55 (11) 3456.7890", city="São Paulo", state="SP")
    make("us", firstName="Emily", lastName="Harris", phone="+1 (555) 010-2030")
    make("us", firstName="Ryan", lastName="Harris", phone="+1 555.010.2030")

    # Sparse: only a name and a phone.
    for first, last, phone in [("Zé", "Pequeno", "+55 21 99876-5432"), ("Dona", "Cida", "+55 31 98888 1111"),
                               ("Bob", "", "+1 555-777-0101"), ("Tião", "Carreiro", "+5534991234567")]:
        specials.append({"uid": new_uid(), "phone": phone, "firstName": first, "lastName": last,
                         "notes": [], "tags": [], "created": "2025-03-10T12:00:00Z",
                         "lastUpdate": "2025-03-10T12:00:00Z"})

    # Very long histories.
    for first, last, count in [("Antônio", "Magalhães Brandão", 1200), ("Rachel", "Thompson", 1500),
                               ("Raimunda", "Falcão de Albuquerque", 4980)]:
        c = make("br" if first != "Rachel" else "us", firstName=first, lastName=last)
        c["notes"] = note_history(count, datetime(2019, 1, 7, 12, 0, tzinfo=timezone.utc), days=365 * 8)
        c["created"] = "2019-01-07T12:00:00Z"
        c["lastUpdate"] = c["notes"][-1][0]

    # Hostile text: terminal escapes (OSC 52 clipboard write, clear screen), C1 CSI, bidi override.
    make("us", firstName="Mallory\u001b]52;c;aGk=\u0007", lastName="\u202eSnikpoh",
         businessName="\u001b[2JEvil \u009b31mCorp\u001b[0m Ltd",
         email="mallory@evil.example", snapshot="Bell\u0007 and backspace\u0008\u0008 and NUL-free tricks \u001b[5m",
         tags=["Website", "\u001b[31mRed Tag"],
         notes=[local_note(datetime(2025, 5, 1, 10, 0), "Pasted: \u001b]52;c;aGk=\u0007 clipboard grab"),
                local_note(datetime(2025, 5, 2, 11, 30), "\u001b[2J\u001b[H screen wipe \u009b2J and \u202eesrever"),
                local_note(datetime(2025, 5, 3, 9, 15), "Line one\r\nfake line\u001b[1A\u001b[2K overwritten")])

    # CJK and emoji.
    make("us", firstName="美咲", lastName="田中", email="misaki.tanaka@example.jp",
         businessName="東京トレーディング株式会社 🚀", city="San Francisco", state="CA",
         timeZone="America/Los_Angeles", snapshot="来月のデモに興味あり 🎯",
         notes=[local_note(datetime(2025, 6, 3, 14, 0), "会議は来週です 🎉 見積もりを送付しました 👍🏽"),
                local_note(datetime(2025, 6, 10, 9, 5), "Follow-up: 한국 지사도 관심 있음 🇰🇷 — 家族👨‍👩‍👧‍👦")])
    return specials


def pro_account():
    contacts = reference_contacts() + special_contacts()
    regions = ["br"] * 120 + ["us"] * 85 + ["pt"] * 6
    for region in regions:
        contacts.append(contact(region))
    return {
        "token": "demo-token", "plan": "Pro", "name": "Your Company (demo)", "timeZone": "America/Sao_Paulo",
        "stages": STAGES, "qualities": QUALITIES, "team": TEAM, "tags": TAGS + ["\u001b[31mRed Tag"],
        "contacts": contacts,
    }


def small_account(token, plan, name):
    return {
        "token": token, "plan": plan, "name": name, "timeZone": "America/Sao_Paulo",
        "stages": STAGES, "qualities": QUALITIES, "team": TEAM, "tags": TAGS,
        "contacts": [contact("br") for _ in range(3)],
    }


def visible_json(document):
    """JSON with readable accents but every control, format or separator character escaped, so the
    committed file shows no live escape sequence or bidi override to a reviewer's terminal or editor."""
    text = json.dumps(document, ensure_ascii=False, indent=1)
    out = []
    for char in text:
        if char != "\n" and unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp"):
            out.extend(f"\\u{unit:04x}" for unit in _utf16_units(char))
        else:
            out.append(char)
    return "".join(out) + "\n"


def _utf16_units(char):
    code = ord(char)
    if code < 0x10000:
        return [code]
    code -= 0x10000
    return [0xD800 + (code >> 10), 0xDC00 + (code & 0x3FF)]


def main():
    document = {"accounts": [pro_account(), small_account("free-token", "Free", "Free plan company"),
                             small_account("express-token", "Express", "Express plan company")]}
    path = Path(__file__).resolve().parent.parent / "assets" / "demo-account.json"
    path.write_text(visible_json(document), encoding="utf-8")
    pro = document["accounts"][0]["contacts"]
    print(f"wrote {path}: {len(pro)} contacts, {sum(len(c['notes']) for c in pro)} notes in the Pro account")


if __name__ == "__main__":
    main()
