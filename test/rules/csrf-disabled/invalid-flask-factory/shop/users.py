def find_user(email, password):
    return None
