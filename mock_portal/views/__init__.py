"""The portal's screens, one blueprint per screen group."""
