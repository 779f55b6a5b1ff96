from .config import load_config as load_config
from .util import *
