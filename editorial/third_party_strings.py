"""Strings that third-party apps show editors in the admin, listed so that
``makemessages`` keeps them in the project's catalogues (locale/).

django-reversion ships no Traditional Chinese catalogue, and Django falls back to
the default language's (French) for a string a language lacks: a zh-hant editor
read "RÉCUPÉRER 文章 SUPPRIMÉS". The project's catalogues come first, so these
entries also replace upstream wording that does not fit (French gender agreement).
modeltranslation's one admin string ("None") is Django's own, translated there;
django-axes' strings are for superusers only (editors see editorial.throttling's
lockout page).
"""

from django.utils.translation import gettext_noop as _

REVERSION = (
    _("Recover deleted %(name)s"),
    _("Recover %(name)s"),
    _("Revert %(name)s"),
    _("Revert %(verbose_name)s"),
    _("Choose a date from the list below to recover a deleted version of an object."),
    _("Choose a date from the list below to revert to a previous version of this object."),
    _("There are no deleted objects to recover."),
    _("This object doesn't have a change history. It probably wasn't added via this admin site."),
    _("Press the save button below to recover this version of the object."),
    _("Press the save button below to revert to this version of the object."),
    _("Initial version."),
    _("Reverted to previous version, saved on %(datetime)s"),
    _("Could not load %(object_repr)s version - not found"),
    _("Could not load %(object_repr)s version - incompatible version data."),
    _("Could not load %(object_repr)s version - unknown serializer %(format)s."),
    _("Could not save %(object_repr)s version - missing dependency."),
)
