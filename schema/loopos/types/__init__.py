"""LoopOS AI's GraphQL types: request bodies in `inputs`, response bodies in `outputs`."""
