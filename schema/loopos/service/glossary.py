"""A small built-in dictionary for model-free translation of common commerce and condition
terms. Only whole entries translate: anything else needs a model."""

from __future__ import annotations

# One row per term: English, Portuguese, Spanish, French.
LANGUAGES = ("en", "pt", "es", "fr")
TERMS: tuple[tuple[str, str, str, str], ...] = (
    ("new", "novo", "nuevo", "neuf"),
    ("used", "usado", "usado", "utilisé"),
    ("excellent", "excelente", "excelente", "excellent"),
    ("very good", "muito bom", "muy bueno", "très bon"),
    ("good", "bom", "bueno", "bon"),
    ("fair", "razoável", "aceptable", "correct"),
    ("poor", "mau", "malo", "mauvais"),
    ("broken", "partido", "roto", "cassé"),
    ("condition", "estado", "estado", "état"),
    ("price", "preço", "precio", "prix"),
    ("brand", "marca", "marca", "marque"),
    ("model", "modelo", "modelo", "modèle"),
    ("category", "categoria", "categoría", "catégorie"),
    ("product", "produto", "producto", "produit"),
    ("description", "descrição", "descripción", "description"),
    ("color", "cor", "color", "couleur"),
    ("size", "tamanho", "talla", "taille"),
    ("yes", "sim", "sí", "oui"),
    ("no", "não", "no", "non"),
    ("accepted", "aceite", "aceptado", "accepté"),
    ("rejected", "rejeitado", "rechazado", "refusé"),
    ("submit", "submeter", "enviar", "envoyer"),
    ("cancel", "cancelar", "cancelar", "annuler"),
    ("save", "guardar", "guardar", "enregistrer"),
    ("delete", "eliminar", "eliminar", "supprimer"),
    ("continue", "continuar", "continuar", "continuer"),
    ("back", "voltar", "volver", "retour"),
    ("photos", "fotografias", "fotos", "photos"),
    ("shipping", "envio", "envío", "livraison"),
    ("return", "devolução", "devolución", "retour"),
    ("warranty", "garantia", "garantía", "garantie"),
    ("repair", "reparação", "reparación", "réparation"),
    ("recycling", "reciclagem", "reciclaje", "recyclage"),
)


def language(locale: str) -> str:
    """`pt-PT`, `pt_BR`, `PT` → `pt`."""
    return locale.replace("_", "-").split("-")[0].lower()


def lookup(text: str, source: str, target: str) -> str | None:
    """The dictionary translation of a whole term, keeping an initial capital, or None."""
    src, dst = language(source), language(target)
    if src not in LANGUAGES or dst not in LANGUAGES:
        return None
    key = text.strip().lower()
    for row in TERMS:
        if row[LANGUAGES.index(src)] == key:
            found = row[LANGUAGES.index(dst)]
            return found[:1].upper() + found[1:] if text.strip()[:1].isupper() else found
    return None
