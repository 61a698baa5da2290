"""Actor framing: who is in the story, what they are called, what they do and is done to them, who
speaks, what they are accused of, and a score whose every part traces back to words."""

from framing.actors.data import ActorData, load_actor_data
from framing.actors.frames import frame_actors

__all__ = ["ActorData", "frame_actors", "load_actor_data"]
