"""Project members: who may track on a private project, who manages it, per-member rates."""
