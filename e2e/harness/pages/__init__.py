"""One page object per screen; methods are a user's intents and return the next screen."""

from .account import SecurityPage, SitePage
from .base import Screen
from .closure import (
    BlockedPage,
    ConsequencesPage,
    FacePage,
    PasswordPage,
    SmsPage,
    SubmittedPage,
)
from .wechat import ChatsPage, CreditReportPage, MePage, NotificationsPage, ServicesPage
from .weilidai import LoansPage, RepaidPage, RepayPage, WeilidaiHomePage

__all__ = [
    "BlockedPage",
    "ChatsPage",
    "ConsequencesPage",
    "CreditReportPage",
    "FacePage",
    "LoansPage",
    "MePage",
    "NotificationsPage",
    "PasswordPage",
    "RepaidPage",
    "RepayPage",
    "Screen",
    "SecurityPage",
    "ServicesPage",
    "SitePage",
    "SmsPage",
    "SubmittedPage",
    "WeilidaiHomePage",
]
