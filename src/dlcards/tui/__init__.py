"""The Textual study interface: screens, widgets and one stylesheet over `dlcards.session`."""
