"""Celery task of notifications: send one e-mail, off the request that caused it. With a
broker, every process hands its committed e-mails to this task
(:class:`microtache.celery_app.EmailTaskSender`)."""

from __future__ import annotations

from functools import cache

from marketplace_core.notifications.emails import EmailMessage, EmailSender, sender_from_setting
from microtache.celery_app import EMAIL_TASK, app, worker_runtime


@cache
def worker_email_sender() -> EmailSender:
    """The configured sender (``EMAIL_SENDER``), made once per worker process."""
    settings = worker_runtime().settings
    return sender_from_setting(settings.email_sender, settings.public_base_url)


# A mail server down for a while: the e-mail is sent again later, not lost.
@app.task(name=EMAIL_TASK, autoretry_for=(Exception,), retry_backoff=True, max_retries=8)
def send_email(to: str, subject: str, text: str, link_path: str) -> None:
    worker_email_sender().send(EmailMessage(to, subject, text, link_path))
