def verify_login(email, password):
    return bool(email and password)


def save_email(user, email):
    return {"user": user, "email": email}
