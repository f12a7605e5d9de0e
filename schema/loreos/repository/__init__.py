"""All of LoreOS's SQL, by concern. Every read of an app's records takes the app's id."""
