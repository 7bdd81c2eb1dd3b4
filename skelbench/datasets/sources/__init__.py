"""Readers that turn raw dataset releases into standard annotations."""
from .nw_ucla import NW_UCLA_CLASSES, load_nw_ucla, read_nw_ucla_file

__all__ = ['load_nw_ucla', 'read_nw_ucla_file', 'NW_UCLA_CLASSES']
