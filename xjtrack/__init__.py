"""xjtrack: which targets Xinjiang's plans and work reports set, and which were met."""

__version__ = "0.2.0"
