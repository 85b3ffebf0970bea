"""Mail parsing: every photo found, real types sniffed from the bytes, small images skipped."""
from __future__ import annotations

from email.message import EmailMessage

from images import encode, receipt_image, scanned_pdf, text_pdf
from parse.mail import parse_mail, safe_filename

from conftest import receipt_mail

PHOTO = receipt_image()


def test_attached_photo_is_a_candidate():
    mail = parse_mail(receipt_mail([(encode(PHOTO, "JPEG"), "image/jpeg", "IMG_0001.JPG")]).as_bytes())
    assert mail.from_address == "panelist@example.org"
    assert [(c.kind, c.media_type, c.filename) for c in mail.candidates] == [("image", "image/jpeg", "IMG_0001.JPG")]
    assert mail.skipped == ()


def test_type_is_sniffed_from_the_bytes_not_the_header():
    png_as_octets = (encode(PHOTO, "PNG"), "application/octet-stream", "scan.bin")
    heic_as_jpeg = (encode(PHOTO, "HEIF"), "image/jpeg", "IMG_0002.jpg")
    webp = (encode(PHOTO, "WEBP"), "image/webp", "r.webp")
    tiff = (encode(PHOTO, "TIFF"), "image/tiff", "r.tiff")
    pdf_as_image = (text_pdf(), "image/jpeg", "receipt.jpg")
    mail = parse_mail(receipt_mail([png_as_octets, heic_as_jpeg, webp, tiff, pdf_as_image]).as_bytes())
    assert [c.media_type for c in mail.candidates] == [
        "image/png", "image/heic", "image/webp", "image/tiff", "application/pdf"]
    assert [c.kind for c in mail.candidates][-1] == "pdf"


def test_small_images_and_non_images_are_skipped_with_a_reason():
    logo = (encode(receipt_image(["LOGO"], width=120, size=12), "PNG"), "image/png", "logo.png")
    pixel = (encode(PHOTO.resize((1, 1)), "GIF"), "image/gif", "t.gif")
    html_named_jpg = (b"<html><body>not a photo</body></html>", "image/jpeg", "photo.jpg")
    empty = (b"", "image/jpeg", "empty.jpg")
    mail = parse_mail(receipt_mail([logo, pixel, html_named_jpg, empty]).as_bytes())
    assert mail.candidates == ()
    assert [(s.filename, s.reason) for s in mail.skipped] == [
        ("logo.png", "too_small"),
        ("t.gif", "unsupported_image_type"),
        ("photo.jpg", "not_a_receipt_type"),
        ("empty.jpg", "not_a_receipt_type"),
    ]


def test_inline_photo_in_html_mail_is_found():
    msg = EmailMessage()
    msg["From"] = "Pat <Pat@Example.org>"
    msg["To"] = "receipts@localhost"
    msg["Subject"] = "lunch"
    msg.set_content("see below")
    msg.add_alternative("<p>receipt:<img src='cid:r1'></p>", subtype="html")
    msg.get_payload()[1].add_related(encode(PHOTO, "JPEG"), maintype="image", subtype="jpeg", cid="<r1>")
    mail = parse_mail(msg.as_bytes())
    assert mail.from_address == "pat@example.org"
    assert [c.media_type for c in mail.candidates] == ["image/jpeg"]


def test_forwarded_mail_photos_are_taken():
    inner = receipt_mail([(encode(PHOTO, "JPEG"), "image/jpeg", "inner.jpg")], sender="shop@example.com")
    outer = receipt_mail(subject="Fwd: your receipt")
    outer.add_attachment(inner)
    mail = parse_mail(outer.as_bytes())
    assert [c.filename for c in mail.candidates] == ["inner.jpg"]
    assert mail.from_address == "panelist@example.org"  # the forwarder, not the shop


def test_pdf_receipts_text_and_scanned_are_candidates():
    mail = parse_mail(receipt_mail([(text_pdf(), "application/pdf", "e-receipt.pdf"),
                                    (scanned_pdf(PHOTO), "application/pdf", "scan.pdf")]).as_bytes())
    assert [(c.kind, c.filename) for c in mail.candidates] == [("pdf", "e-receipt.pdf"), ("pdf", "scan.pdf")]


def test_text_only_mail_has_no_candidates():
    mail = parse_mail(receipt_mail(body="I forgot the photo").as_bytes())
    assert mail.candidates == () and mail.skipped == ()


def test_garbage_bytes_do_not_crash():
    mail = parse_mail(b"\x00\xff garbage without headers \r\n\r\n\x00")
    assert mail.candidates == ()


def test_file_names_are_display_names_only():
    assert safe_filename("../../etc/passwd") == "passwd"
    assert safe_filename("C:\\Users\\x\\IMG_1.jpg") == "IMG_1.jpg"
    assert safe_filename(".hidden\x00.jpg") == "hidden.jpg"
    assert safe_filename("") is None
    assert len(safe_filename("a" * 500 + ".jpg")) == 120
