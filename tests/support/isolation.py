"""Test sessions use devstack's throwaway infrastructure."""

from devstack.isolation import database_name, free_port_block, port_is_free, rabbit_vhost

__all__ = ["database_name", "free_port_block", "port_is_free", "rabbit_vhost"]
