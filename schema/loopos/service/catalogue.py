"""The built-in knowledge the offline answers use: words that mark electronics, common brands
for common second-hand categories, and protocol labels in English and Portuguese."""

from __future__ import annotations

from typing import Any

from app.ai.lexical import words

from .glossary import language

_ELECTRONICS = (
    "phone smartphone telemovel laptop portatil computer computador tablet console consola "
    "camera camara television televisao tv electronic eletronica electronica watch relogio "
    "headphone auscultador"
)
ELECTRONICS = frozenset(_ELECTRONICS.split(" "))

BRANDS: dict[str, tuple[str, ...]] = {
    "smartphone": ("Apple", "Samsung", "Xiaomi", "Huawei", "Google", "OnePlus", "Motorola"),
    "laptop": ("Apple", "Lenovo", "HP", "Dell", "Asus", "Acer", "Microsoft"),
    "tablet": ("Apple", "Samsung", "Lenovo", "Huawei", "Amazon", "Xiaomi"),
    "console": ("Sony", "Nintendo", "Microsoft", "Valve"),
    "camera": ("Canon", "Nikon", "Sony", "Fujifilm", "Panasonic", "GoPro"),
    "bicycle": ("Trek", "Specialized", "Giant", "Cannondale", "Scott", "Orbea"),
    "shoe": ("Nike", "Adidas", "New Balance", "Puma", "Asics", "Vans"),
    "clothing": ("Zara", "H&M", "Mango", "Levi's", "Nike", "Adidas", "Uniqlo"),
    "watch": ("Casio", "Seiko", "Apple", "Garmin", "Swatch", "Tissot"),
}
SYNONYMS = {
    "phone": "smartphone", "telemovel": "smartphone", "mobile": "smartphone",
    "portatil": "laptop", "notebook": "laptop", "computador": "laptop",
    "consola": "console", "videogame": "console", "camara": "camera",
    "bike": "bicycle", "bicicleta": "bicycle", "sapato": "shoe", "sneaker": "shoe",
    "tenis": "shoe", "roupa": "clothing", "clothe": "clothing", "relogio": "watch",
}  # fmt: skip


def brands_for(category: str) -> tuple[str, ...] | None:
    for word in words(category):
        key = SYNONYMS.get(word, word)
        if key in BRANDS:
            return BRANDS[key]
    return None


LABELS: dict[str, dict[str, Any]] = {
    "en": {
        "inspect": "inspect the item before answering",
        "condition": "Condition",
        "conditions": [("Excellent", False), ("Good", False), ("Fair", False), ("Broken", True)],
        "powers_on": "Does it power on?",
        "yes_no": [("Yes", False), ("No", True)],
        "serial": "Serial number",
        "data_warning": "Make sure personal data was erased and accounts were signed out",
        "original_box": "Original packaging included",
        "purchase_year": "Year of purchase",
    },
    "pt": {
        "inspect": "inspecione o artigo antes de responder",
        "condition": "Estado",
        "conditions": [
            ("Excelente", False),
            ("Bom", False),
            ("Razoável", False),
            ("Partido", True),
        ],
        "powers_on": "Liga?",
        "yes_no": [("Sim", False), ("Não", True)],
        "serial": "Número de série",
        "data_warning": "Confirme que os dados pessoais foram apagados e as contas terminadas",
        "original_box": "Inclui embalagem original",
        "purchase_year": "Ano de compra",
    },
}


def protocol_labels(locale: str) -> dict[str, Any]:
    return LABELS.get(language(locale), LABELS["en"])
