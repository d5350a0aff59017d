"""Why a document could not be read: one French sentence each, for the user and the CLI."""

from __future__ import annotations


class DocumentError(Exception):
    """A document that cannot be read; `str(error)` is a French sentence to show as is."""

    message = "Je n'arrive pas à lire ce document."

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or self.message)


class NotPdfError(DocumentError):
    message = "Ce fichier n'est pas un PDF : envoyez la facture au format PDF."


class TooLargeError(DocumentError):
    message = "Ce fichier est trop lourd (plus de 20 Mo) : envoyez la facture seule, en PDF."


class EncryptedError(DocumentError):
    message = (
        "Ce PDF est protégé par un mot de passe : enregistrez-le sans protection, puis renvoyez-le."
    )


class BrokenPdfError(DocumentError):
    message = "Ce PDF est illisible ou abîmé : exportez à nouveau la facture, puis renvoyez-la."


class ScannedError(DocumentError):
    message = (
        "Ce PDF ne contient qu'une image (une facture scannée) : envoyez le PDF produit par "
        "votre logiciel de facturation, ou saisissez la facture à la main."
    )
