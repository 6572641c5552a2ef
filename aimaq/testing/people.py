import factory

from aimaq.accounts.models import Role, RoleGrant, User
from aimaq.territories.models import Territory

PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory[User]):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"official{n}")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Official {n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


def user_with_role(role: Role | str, territory: Territory, **fields) -> User:
    user = UserFactory.create(**fields)
    RoleGrant.objects.create(user=user, role=role, territory=territory)
    return user
