"""Reads the caller's profile from the auth service, with the caller's own token."""

from __future__ import annotations

from typing import Any

import httpx


class ProfileUnavailable(Exception):
    """The auth service did not answer."""


class AuthProfiles:
    """GET {auth}/profile/me on behalf of the user."""

    def __init__(self, client: httpx.AsyncClient, auth_url: str):
        self._client = client
        self._url = auth_url.rstrip("/") + "/profile/me"

    async def profile(self, access_token: str) -> dict[str, Any] | None:
        """The user's profile, or None if they have not created one."""
        try:
            response = await self._client.get(self._url, headers={"Authorization": f"Bearer {access_token}"})
        except httpx.HTTPError as error:
            raise ProfileUnavailable(str(error)) from error
        if response.status_code == 404:
            return None
        if response.status_code != 200:
            raise ProfileUnavailable(f"auth answered {response.status_code}")
        profile: dict[str, Any] = response.json()
        return profile
