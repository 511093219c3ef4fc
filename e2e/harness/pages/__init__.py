"""One page object per screen; methods are a user's intents and return the next screen."""

from .account import SecurityPage, SitePage
from .base import Screen
from .closure import (
    BlockedPage,
    ClosureEntry,
    ConsequencesPage,
    FacePage,
    PasswordPage,
    RecordPage,
    SmsPage,
    SubmittedPage,
)
from .help import (
    HelpCenterPage,
    KefuPage,
    NotificationSettingsPage,
    PauseGuidePage,
    SettingsPage,
)
from .wechat import ChatsPage, CreditReportPage, MePage, NotificationsPage, ServicesPage
from .weilidai import (
    BorrowPage,
    ClosedPage,
    LoansPage,
    RepaidPage,
    RepayPage,
    WeilidaiHomePage,
)

__all__ = [
    "BlockedPage",
    "BorrowPage",
    "ChatsPage",
    "ClosedPage",
    "ClosureEntry",
    "ConsequencesPage",
    "CreditReportPage",
    "FacePage",
    "HelpCenterPage",
    "KefuPage",
    "LoansPage",
    "MePage",
    "NotificationSettingsPage",
    "NotificationsPage",
    "PasswordPage",
    "PauseGuidePage",
    "RecordPage",
    "RepaidPage",
    "RepayPage",
    "Screen",
    "SecurityPage",
    "ServicesPage",
    "SettingsPage",
    "SitePage",
    "SmsPage",
    "SubmittedPage",
    "WeilidaiHomePage",
]
