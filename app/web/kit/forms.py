"""The removal-request forms (WTForms through Flask-WTF; CSRF is off app-wide: see config.py)."""

from __future__ import annotations

import datetime as dt
import re

import email_validator
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import RadioField, SelectChoice, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError

from app import flow, removal_kit

MAX_LOCATIONS = 20


def _lines(text: str | None) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def is_email(value: str) -> bool:
    """The one email rule, for the forms and for the API's `format: email`: a well-formed address
    (the site sends no mail, so reserved test domains such as example.test are fine too)."""
    try:
        email_validator.validate_email(value, check_deliverability=False, test_environment=True)
    except email_validator.EmailNotValidError:
        return False
    return True


def locations_validator(limit: int):
    def _locations(form, field):
        lines = _lines(field.data)
        if not lines:
            raise ValidationError(_l("Enter at least one web address, username or post number."))
        if len(lines) > limit:
            raise ValidationError(_l("Enter %(n)s places or fewer. You can send another request for the rest.",
                                     n=limit))
        if any(len(line) > 500 for line in lines):
            raise ValidationError(_l("Each line must be 500 characters or fewer."))
    return _locations


# C0 and C1 controls (not tab or line breaks) and Unicode noncharacters: HTML may not carry them.
NONCHARACTERS = "".join(chr(plane << 16 | low) for plane in range(17) for low in (0xFFFE, 0xFFFF))
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef" + NONCHARACTERS + "]")


def _strip_controls(value):
    """Invisible control characters are dropped: they cannot be shown or sent in a letter."""
    return CONTROL.sub("", value) if isinstance(value, str) else value


class _Shown:
    """What a field's markup needs besides its value (app/web/kit/templates/kit/_fields.html)."""

    @property
    def described_by(self) -> str:
        """The ids of its hint and error, as shown, for aria-describedby."""
        return " ".join(([f"{self.id}-hint"] if self.description else []) + ([f"{self.id}-error"] if self.errors else []))

    @property
    def error_anchor(self) -> str:
        """Where the error summary links: the field, or a radio group's first choice."""
        return self.id


class Text(_Shown, StringField):
    pass


class Area(_Shown, TextAreaField):
    pass


class Select(_Shown, SelectField):
    pass


class File(_Shown, FileField):
    pass


class Radios(_Shown, RadioField):
    @property
    def error_anchor(self) -> str:
        return f"{self.id}-{self.choices[0].value}"


def _text(label, **kwargs) -> Text:
    return Text(label, filters=[_strip_controls], **kwargs)


def _area(label, **kwargs) -> Area:
    return Area(label, filters=[_strip_controls], **kwargs)


class LetterForm(FlaskForm):
    """Fields both letters share."""

    class Meta:
        csrf = False  # stateless: nothing is stored or changed (see config.py)

    full_name = _text(
        _l("Your full name"),
        description=_l("Typing your full name is your electronic signature."),
        validators=[DataRequired(_l("Enter your full name.")), Length(max=120)],
    )
    email = _text(
        _l("Email address (optional if you give a postal address)"),
        validators=[Length(max=254)],
    )
    postal_address = _area(
        _l("Postal address (optional if you give an email address)"),
        validators=[Optional(), Length(max=500)],
    )
    platform = Select(_l("Which site or app is it on?"), validators=[InputRequired(_l("Choose the site or app."))])
    platform_other = _text(_l("If another site: its name"), validators=[Length(max=120)])
    locations = _area(
        _l("Where is it? One per line"),
        description=_l("Web addresses (URLs), usernames or post numbers. Do not paste the picture."),
        validators=[locations_validator(MAX_LOCATIONS)],
    )

    def platform_choices(self, platforms) -> None:
        self.platform.choices = [SelectChoice("", _l("Choose a site or app")),
                                 *(SelectChoice(p.id, _l(p.name)) for p in platforms),
                                 SelectChoice("other", _l("Another site or app"))]

    def validate_platform_other(self, field):
        if self.platform.data == "other" and not (field.data or "").strip():
            raise ValidationError(_l("Enter the name of the site or app."))

    def validate_email(self, field):
        # Inline, not Optional(): Optional would stop the "email or postal address" rule.
        if not (field.data or "").strip():
            if not (self.postal_address.data or "").strip():
                raise ValidationError(_l("Enter an email address or a postal address, so the site can reply."))
            return
        if not is_email(field.data):
            raise ValidationError(_l("Enter an email address like name@example.com."))

    def location_lines(self) -> list[str]:
        return _lines(self.locations.data)

    def under18(self) -> bool:
        """Whether the page shows what to do first for someone under 18 (or maybe)."""
        return self.age_code() in ("under18", "unsure")

    def age_code(self) -> str | None:
        """The person's age in the picture, in the engine's codes (under18, adult, unsure), if asked."""
        return None


def _description() -> Area:
    return _area(
        _l("Describe it so they can find it, without explicit detail"),
        description=_l("For example: \"a photo of me in a bedroom, posted on May 3\". If the person was under 18 "
                       "in it, leave this empty: the places are enough, and the letter will not describe it."),
        validators=[Length(max=1000)],
    )


def _note() -> Area:
    """The Act's "relevant information": why the site can tell it was published without consent."""
    return _area(
        _l("Why the site can tell it was shared without consent (optional)"),
        description=_l("For example: \"I never agreed to it being posted. The account that posted it is not "
                       "mine.\" Do not describe the picture. If the person was under 18 in it, you do not need "
                       "to write anything here."),
        validators=[Optional(), Length(max=2000)],
    )


class RemovalRequestForm(LetterForm):
    sender = Radios(
        _l("Who is sending this request?"),
        choices=[SelectChoice("self", _l("I am the person shown")),
                 SelectChoice("authorized", _l("I am authorized to act for the person shown"))],
        validators=[InputRequired(_l("Choose who is sending the request."))],
    )
    capacity = _text(
        _l("How are you authorized to act for them?"),
        description=_l("For example: parent, legal guardian, lawyer."),
        validators=[Length(max=120)],
    )
    person_name = _text(
        _l("Name of the person shown (optional)"),
        validators=[Optional(), Length(max=120)],
    )
    kind = Radios(
        _l("Is it a real picture or a fake?"),
        choices=[SelectChoice("authentic", _l("Real (authentic)")),
                 SelectChoice("forgery", _l("Fake: edited or made with AI (a digital forgery)")),
                 SelectChoice("unsure", _l("I'm not sure"))],
        validators=[InputRequired(_l("Choose real, fake, or not sure."))],
    )
    minor = Radios(
        _l("Was the person under 18 in it?"),
        choices=[SelectChoice("no", _l("No, 18 or older")), SelectChoice("yes", _l("Yes, under 18")),
                 SelectChoice("unsure", _l("I'm not sure"))],
        validators=[InputRequired(_l("Choose whether the person was under 18 in it."))],
    )
    description = _description()  # after the age: under 18, it is not asked for
    note = _note()  # the Act's "relevant information"

    def age_code(self) -> str | None:
        return {"yes": "under18", "no": "adult", "unsure": "unsure"}.get(self.minor.data)

    def validate_description(self, field):
        # Asked only of an adult's picture: for someone under 18 (or maybe) the letter gives none.
        if self.age_code() == "adult" and not (field.data or "").strip():
            raise ValidationError(_l("Describe the picture or video briefly."))

    def validate_capacity(self, field):
        if self.sender.data == "authorized" and not (field.data or "").strip():
            raise ValidationError(_l("Say how you are authorized to act for them."))


class CopyrightNoticeForm(LetterForm):
    # Sites often pass a DMCA notice, contact details included, to the uploader:
    # ask only for what lets the site reach the sender.
    email = _text(
        _l("Email address (optional if you give a postal address)"),
        description=_l("The site may pass it on to the person who posted it. An address you use only for this is safest."),
        validators=[Length(max=254)],
    )
    phone = _text(_l("Phone number (optional)"),
                  description=_l("Leave it out unless you want the site to call you. It may be passed on too."),
                  validators=[Optional(), Length(max=40)])
    postal_address = _area(
        _l("Postal address (only if you have no email address)"),
        description=_l("The site may send it to the person who posted the picture. Do not give your home address "
                       "if that person could hurt you. A PO box, or a lawyer's address, is safer."),
        validators=[Optional(), Length(max=500)],
    )
    work = _area(
        _l("Which picture or video is yours?"),
        description=_l("Describe the original you took, without explicit detail. For example: \"a selfie I took in 2024\"."),
        validators=[InputRequired(_l("Describe the picture or video you took.")), Length(max=1000)],
    )


def situation_of(kind: str | None, age: str | None, taker: str | None) -> removal_kit.Situation:
    """The guide's answer codes (flow-contract.md) as the engine's Situation; unsure or not
    given is None."""
    return removal_kit.Situation(
        kind=kind if kind in ("real", "altered", "ai") else None,
        took={"self": "self", "someone_else": "other"}.get(taker or ""),
        minor={"under18": True, "adult": False}.get(age or ""),
    )


def _flow_choices(question_id: str) -> list[SelectChoice]:
    """The engine's own answer codes and labels, so the kit and the API use one vocabulary."""
    return [SelectChoice(c.code, _l(c.label.you)) for c in flow.QUESTION_BY_ID[question_id].choices]


def _sent_on(form, field):
    text = (field.data or "").strip()
    today = dt.date.today()
    example = today.isoformat()
    if not text:  # left empty: today
        field.data = example
        return
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise ValidationError(_l("Enter the date as year-month-day, like %(date)s.", date=example))
    # Any real date is accepted (the API's schema says so): the page shows the
    # respond-by date it gives, so a mistyped year is plain to see.
    try:
        sent = dt.date.fromisoformat(text)
    except ValueError:
        raise ValidationError(_l("Enter a real date, like %(date)s.", date=example)) from None
    last = removal_kit.LAST_SENT_ON  # its respond-by date must exist
    if sent > last:
        raise ValidationError(_l("Enter a date no later than %(date)s.", date=last.isoformat()))


class RemovalKitForm(RemovalRequestForm):
    """The removal kit: the request's details once, and every place it is (app/removal_kit.py)."""

    platform = None  # each request's operator comes from its locations
    platform_other = None
    minor = None  # asked as `age`, with the engine's codes
    kind = Radios(
        _l("Is it a real picture or a fake?"),
        choices=_flow_choices("kind"),
        validators=[InputRequired(_l("Choose real, edited, made with AI, or not sure."))],
    )
    age = Radios(
        _l("Was the person under 18 in it?"),
        choices=_flow_choices("age"),
        validators=[InputRequired(_l("Choose whether the person was under 18 in it."))],
    )
    # Only for the copyright route (the guide's rule: a real picture the person took). Optional.
    taker = Radios(
        _l("Who took the original picture or video? (optional)"),
        description=_l("We ask only to know if a copyright notice could help too. Skip it if it was made with AI."),
        choices=_flow_choices("taker"),
        validators=[Optional()],
    )
    description = _description()  # after the age: under 18, it is not asked for
    note = _note()
    locations = _area(
        _l("Every place you have found it. One per line"),
        description=_l("Web addresses (URLs) are best, like example.com/post/123. For a username or post "
                       "number, write the site first, like example.com/@name. Do not paste the picture."),
        validators=[locations_validator(removal_kit.MAX_LOCATIONS)],
    )
    sent_on = _text(
        _l("The day you will send the requests"),
        description=_l("Year-month-day. Leave it empty for today. We use it to work out the date each site must act by."),
        validators=[_sent_on],
    )

    def age_code(self) -> str | None:
        return self.age.data

    def situation(self) -> removal_kit.Situation:
        return situation_of(self.kind.data, self.age.data, self.taker.data)

    def sent_date(self) -> dt.date:
        return dt.date.fromisoformat(self.sent_on.data.strip())


class FollowUpForm(RemovalRequestForm):
    """Following up: the checklist the kit wrote (uploaded or pasted), or the places again with
    the day they were sent; and who signs the second letters. Nothing is stored."""

    platform = None
    platform_other = None
    locations = None
    description = None
    note = None
    minor = None
    kind = Radios(_l("Is it a real picture or a fake? (optional)"), choices=_flow_choices("kind"),
                  validators=[Optional()])
    age = Radios(_l("Was the person under 18 in it? (optional)"), choices=_flow_choices("age"),
                 description=_l("If they were, the CyberTipline stays the first step, and the letters say so."),
                 validators=[Optional()])
    taker = Radios(_l("Who took the original picture or video? (optional)"), choices=_flow_choices("taker"),
                   validators=[Optional()])
    checklist_file = File(_l("Your checklist file (optional)"),
                               description=_l("The removal-checklist.csv file the kit gave you. We read it and "
                                              "keep nothing."))
    checklist = _area(
        _l("Or paste your checklist, or the list of places again"),
        description=_l("One place per line, like the first time. Or paste the whole checklist."),
        validators=[Length(max=60000)],
    )
    sent_on = _text(
        _l("The day you sent the requests"),
        description=_l("Year-month-day. Needed only when you paste the list of places: the checklist has it."),
        validators=[Optional(), _sent_on],
    )

    def age_code(self) -> str | None:
        return self.age.data or None

    def situation(self) -> removal_kit.Situation:
        return situation_of(self.kind.data, self.age.data, self.taker.data)

    def checklist_text(self) -> str | None:
        """The checklist's text: the file if one was chosen, else what was pasted. None when a
        file could not be read as text."""
        upload = self.checklist_file.data
        if upload is not None and getattr(upload, "filename", ""):
            raw = upload.read(MAX_UPLOAD + 1)
            if len(raw) > MAX_UPLOAD:
                return None
            for encoding in ("utf-8-sig", "cp1252"):  # what spreadsheets save
                try:
                    return raw.decode(encoding)
                except UnicodeDecodeError:
                    continue
            return None
        return self.checklist.data or ""


MAX_UPLOAD = 60000  # characters: a 50-row checklist is far smaller
