"""`make asyncapi`: the bus's AsyncAPI document, generated from every service's broker by FastStream."""
